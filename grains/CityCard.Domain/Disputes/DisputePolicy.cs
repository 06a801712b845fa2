namespace CityCard.Domain.Disputes;

/// <summary>The region's dispute rules, set by configuration: how long after a charge a case may be opened.</summary>
public sealed record DisputePolicy(TimeSpan Deadline)
{
    public static DisputePolicy Default { get; } = new(DisputeLimits.DefaultDeadline);

    /// <summary>The refund a case asks of the card runs under this operation id: one per case, so a retry never pays twice.</summary>
    public static string RefundOperationId(string caseId) => $"refund:{caseId}";
}
