namespace CityCard.Gateway.Terminals;

/// <summary>The limits of one terminal batch upload; a batch over any of them is refused whole, before any charge.</summary>
public static class TapBatchLimits
{
    public const int MaxRecords = 1_000;

    public const int MaxBytes = 1024 * 1024;

    public const int MaxLineLength = 2_048;

    /// <summary>The card's own limit on terminal ids, checked here too because a tap's operation id is derived from it.</summary>
    public const int MaxTerminalIdLength = CityCard.Contracts.TerminalId.MaxLength;
}
