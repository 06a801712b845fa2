using CityCard.Contracts;

namespace CityCard.Gateway.Issuance;

/// <summary>The limits of one batch file; a file over any of them is refused whole, before any card is issued.</summary>
public static class IssueBatchLimits
{
    /// <summary>The body, under Kestrel's ceiling: a hundred thousand card lines, or any number of cards as ranges.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    public const int MaxLineLength = 256;

    public const int MaxCards = IssueBatchRequest.MaxCards;

    public const int MaxRecords = IssueBatchRequest.MaxRanges;

    /// <summary>The most line errors one answer lists (it counts them all).</summary>
    public const int MaxListedErrors = 100;
}
