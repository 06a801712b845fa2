namespace CityCard.Domain.Settlement;

/// <summary>Every limit of clearing in one place: batch sizes, gap tracking, text lengths.</summary>
public static class ClearingLimits
{
    /// <summary>Events read and posted per projection cycle, at most.</summary>
    public const int MaxBatchEvents = 10_000;

    public const int DefaultBatchEvents = 2_000;

    /// <summary>
    /// Separate holes in the event sequence tracked at once. Past it the projection stops reading new events (and says
    /// so) until holes are resolved: it never forgets one.
    /// </summary>
    public const int DefaultMaxGapRanges = 1_000;

    public const int MaxGapRanges = 100_000;

    public const int MaxOperationIdLength = CityCard.Contracts.OperationId.MaxLength;
    public const int MaxBankReferenceLength = 64;
    public const int MaxReasonLength = 200;
}
