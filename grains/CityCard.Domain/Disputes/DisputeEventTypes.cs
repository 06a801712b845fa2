namespace CityCard.Domain.Disputes;

/// <summary>The stored name of every dispute event, pinned like the card events'; the suffix is the schema version.</summary>
public static class DisputeEventTypes
{
    public static IReadOnlyDictionary<Type, string> Names { get; } = new Dictionary<Type, string>
    {
        [typeof(DisputeOpened)] = "dispute_opened.v1",
        [typeof(DisputeReviewStarted)] = "dispute_review_started.v1",
        [typeof(DisputeUpheld)] = "dispute_upheld.v1",
        [typeof(DisputeRejected)] = "dispute_rejected.v1",
        [typeof(DisputeRefundPaid)] = "dispute_refund_paid.v1",
        [typeof(DisputeRefundFailed)] = "dispute_refund_failed.v1",
    };

    public static string NameOf(DisputeEvent e) => Names[e.GetType()];
}
