using CityCard.Contracts;

namespace CityCard.Domain.Disputes;

/// <summary>The one place a case's state changes: folds one event in. Total over every dispute event; never refuses.</summary>
public static class DisputeEvolver
{
    public static DisputeState Evolve(DisputeState s, DisputeEvent e)
    {
        var version = s.Version + 1;
        var next = e switch
        {
            DisputeOpened x => s with { Status = DisputeStatus.Open, Opened = x },
            DisputeReviewStarted => s with { Status = DisputeStatus.UnderReview },
            DisputeUpheld x => s with { Status = DisputeStatus.Upheld, Upheld = x, Refund = RefundStatus.Pending, DecidedOnHead = x.StreamHead },
            DisputeRejected x => s with { Status = DisputeStatus.Rejected, DecidedOnHead = x.StreamHead },
            DisputeRefundPaid => s with { Refund = RefundStatus.Paid },
            DisputeRefundFailed => s with { Refund = RefundStatus.Failed },
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown dispute event."),
        };

        var fingerprint = DisputeFingerprint.Of(e);
        return next with
        {
            Version = version,
            Steps = next.Steps.Add(StepOf(version, e)),
            Operations = fingerprint is null ? next.Operations : next.Operations.SetItem(e.OperationId, fingerprint),
        };
    }

    public static DisputeState Fold(DisputeState state, IEnumerable<DisputeEvent> events) => events.Aggregate(state, Evolve);

    private static DisputeStep StepOf(long version, DisputeEvent e)
    {
        var name = DisputeEventTypes.NameOf(e);
        return e switch
        {
            DisputeOpened x => new(version, name, x.RecordedAt, x.OpenedBy, x.Actor, $"{x.Reason} | evidence: {x.Evidence}", x.ChargeAmount),
            DisputeReviewStarted x => new(version, name, x.RecordedAt, x.By, x.Actor, x.Note, null),
            DisputeUpheld x => new(version, name, x.RecordedAt, x.By, x.Actor, $"{(x.Full ? "full" : "partial")} refund: {x.Reason}", x.Amount),
            DisputeRejected x => new(version, name, x.RecordedAt, x.By, x.Actor, x.Reason, null),
            DisputeRefundPaid x => new(version, name, x.RecordedAt, null, null, $"card refunded under {x.RefundOperationId} (card version {x.CardVersion})", x.Amount),
            DisputeRefundFailed x => new(version, name, x.RecordedAt, null, null, $"card refused the refund: {x.Code}: {x.Detail}", null),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown dispute event."),
        };
    }
}
