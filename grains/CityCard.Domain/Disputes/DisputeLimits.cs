namespace CityCard.Domain.Disputes;

/// <summary>Every limit a dispute is held to.</summary>
public static class DisputeLimits
{
    /// <summary>Short enough that the card's refund operation id, <c>refund:{case}</c>, stays within 64.</summary>
    public const int MaxCaseIdLength = CityCard.Contracts.DisputeIds.MaxLength;

    public const int MaxActorLength = 64;

    /// <summary>Reasons and review notes.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The desk's evidence notes: what the holder showed, receipts, times.</summary>
    public const int MaxEvidenceLength = 1_000;

    /// <summary>A case has at most open, review, decision and refund; anything past this is refused as decided.</summary>
    public const int MaxEvents = 16;

    /// <summary>The default time a case may be opened after the charge's tap.</summary>
    public static TimeSpan DefaultDeadline { get; } = TimeSpan.FromDays(180);

    /// <summary>Longer than this the card no longer remembers the charge (CardLimits.ChargeMemory is 400 days).</summary>
    public static TimeSpan MaxDeadline { get; } = TimeSpan.FromDays(365);
}
