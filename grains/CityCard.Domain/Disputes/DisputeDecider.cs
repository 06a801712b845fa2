using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Disputes;

/// <summary>
/// The dispute state machine: open → under review → upheld or rejected. Pure. The order of checks is fixed: the
/// operation id, then a replay, then the request's shape, then who is acting, then the case's state, then the facts
/// from the card (the charge, the stream's verification).
/// </summary>
public static class DisputeDecider
{
    public static DisputeDecision Decide(DisputeState s, DisputeRequest r, DisputeFacts facts, DateTimeOffset now, DisputePolicy policy)
    {
        if (!RequestValidation.IsValidOperationId(r.OperationId))
        {
            return Reject(DisputeRejection.InvalidOperationId, $"An operation id is 1 to {CardLimits.MaxOperationIdLength} letters, digits or . _ : -");
        }

        if (s.Operations.TryGetValue(r.OperationId, out var first))
        {
            return first == DisputeFingerprint.Of(r)
                ? new DisputeDecision.Replay()
                : Reject(DisputeRejection.OperationConflict, $"Operation '{r.OperationId}' was already used on case {s.CaseId} for a different command.");
        }

        if (CheckShape(s, r) is { } shape)
        {
            return shape;
        }

        return r switch
        {
            OpenDisputeRequest o => Open(s, o, facts.Charge, now, policy),
            ReviewDisputeRequest v => Review(s, v, now),
            UpholdDisputeRequest u => Uphold(s, u, facts, now),
            RejectDisputeRequest j => RejectCase(s, j, facts.Stream, now),
            _ => throw new ArgumentOutOfRangeException(nameof(r), r.GetType().Name, "Unknown dispute request."),
        };
    }

    /// <summary>
    /// The refund an upheld case asks of the card, under the case's one refund operation id (so that asking again pays
    /// once); null when no refund is pending.
    /// </summary>
    public static RefundChargeRequest? RefundToAsk(DisputeState s) =>
        s is { RefundPending: true, Opened: { } opened, Upheld: { } upheld }
            ? new RefundChargeRequest(upheld.RefundOperationId, opened.ChargeOperationId, upheld.Amount, s.CaseId, upheld.Reason)
            : null;

    /// <summary>
    /// What the case records of the card's answer to its refund: paid at the card's version, or refused with the
    /// card's code (the case stays upheld and operations settle it by hand). Continues the uphold's operation; a
    /// replay when no refund is pending any more (another activation recorded the answer first).
    /// </summary>
    public static DisputeDecision RecordRefund(DisputeState s, CardOperationResult answer, DateTimeOffset now)
    {
        if (!s.RefundPending || s.Upheld is not { } upheld)
        {
            return new DisputeDecision.Replay();
        }

        return new DisputeDecision.Append(answer.IsAccepted
            ? new DisputeRefundPaid(upheld.OperationId, now, upheld.RefundOperationId, upheld.Amount, answer.Version)
            : new DisputeRefundFailed(upheld.OperationId, now, upheld.RefundOperationId, answer.Rejection!.Value, answer.Detail ?? string.Empty));
    }

    private static DisputeDecision Open(DisputeState s, OpenDisputeRequest r, ChargeView? charge, DateTimeOffset now, DisputePolicy policy)
    {
        if (r.Card.IsEmpty)
        {
            return Reject(DisputeRejection.MalformedCardNumber, "The card's number is missing.");
        }

        if (!RequestValidation.IsValidOperationId(r.ChargeOperationId))
        {
            return Reject(DisputeRejection.InvalidOperationId, "The charge's operation id is malformed.");
        }

        if (r.By != r.Card.Issuer)
        {
            return Reject(DisputeRejection.NotCardIssuer, $"Card {r.Card} is {r.Card.Issuer}'s; {r.By} cannot open a case on it.");
        }

        if (s.Opened is not null)
        {
            return Reject(DisputeRejection.CaseAlreadyOpened, $"Case {s.CaseId} was opened by another operation.");
        }

        if (charge is null || charge.Card != r.Card || charge.ChargeOperationId != r.ChargeOperationId)
        {
            return Reject(DisputeRejection.ChargeNotFound, $"Card {r.Card} has no charge '{r.ChargeOperationId}' (or it is older than the card remembers).");
        }

        var deadline = charge.TappedAt + policy.Deadline;
        if (now > deadline)
        {
            return Reject(DisputeRejection.DeadlinePassed, $"The charge was tapped at {charge.TappedAt:O}; cases could be opened until {deadline:O}.");
        }

        if (!charge.Refundable.IsPositive)
        {
            return Reject(DisputeRejection.NothingToRefund, $"Nothing is left of charge '{r.ChargeOperationId}': it cost {charge.Paid}, {charge.Reversed} reversed, {charge.Refunded} refunded.");
        }

        return new DisputeDecision.Append(new DisputeOpened(
            r.OperationId, now, s.CaseId, r.Card, r.ChargeOperationId, r.By, r.Actor, r.Reason, r.Evidence,
            charge.AcquirerCity, charge.Category, charge.MerchantId, charge.Paid, charge.TappedAt, deadline));
    }

    private static DisputeDecision Review(DisputeState s, ReviewDisputeRequest r, DateTimeOffset now)
    {
        if (CheckActing(s, r) is { } acting)
        {
            return acting;
        }

        return s.Status switch
        {
            DisputeStatus.Open => new DisputeDecision.Append(new DisputeReviewStarted(r.OperationId, now, r.By, r.Actor, r.Note)),
            DisputeStatus.UnderReview => Reject(DisputeRejection.CaseNotOpen, $"Case {s.CaseId} is already under review."),
            _ => Decided(s),
        };
    }

    private static DisputeDecision Uphold(DisputeState s, UpholdDisputeRequest r, DisputeFacts facts, DateTimeOffset now)
    {
        if ((CheckActing(s, r) ?? CheckDecidable(s, facts.Stream)) is { } refused)
        {
            return refused;
        }

        if (facts.Charge is not { } charge)
        {
            return Reject(DisputeRejection.ChargeNotFound, $"Card {s.Opened!.Card} no longer remembers charge '{s.Opened.ChargeOperationId}'.");
        }

        if (!charge.Refundable.IsPositive)
        {
            return Reject(DisputeRejection.NothingToRefund, $"Nothing is left of the charge to refund: {charge.Reversed} reversed and {charge.Refunded} refunded of {charge.Paid}.");
        }

        var amount = r.Amount ?? charge.Refundable;
        if (amount > charge.Refundable)
        {
            return Reject(DisputeRejection.RefundExceedsCharge, $"The charge cost {charge.Paid}; {charge.Reversed} reversed and {charge.Refunded} refunded leave {charge.Refundable}, not {amount}.");
        }

        var refund = DisputePolicy.RefundOperationId(s.CaseId);
        return new DisputeDecision.Append(new DisputeUpheld(
            r.OperationId, now, r.By, r.Actor, r.Amount, amount, amount == charge.Refundable, r.Reason, facts.Stream!.Head!, refund));
    }

    private static DisputeDecision RejectCase(DisputeState s, RejectDisputeRequest r, StreamVerification? stream, DateTimeOffset now) =>
        CheckActing(s, r) ?? CheckDecidable(s, stream)
            ?? (DisputeDecision)new DisputeDecision.Append(new DisputeRejected(r.OperationId, now, r.By, r.Actor, r.Reason, stream!.Head!));

    /// <summary>Limits on every field, before anything about the case.</summary>
    private static DisputeDecision.Reject? CheckShape(DisputeState s, DisputeRequest r)
    {
        if (!RequestValidation.IsIdentifier(s.CaseId, DisputeLimits.MaxCaseIdLength))
        {
            return Reject(DisputeRejection.InvalidCaseId, $"A case id is 1 to {DisputeLimits.MaxCaseIdLength} letters, digits or . _ : -");
        }

        if (!RequestValidation.IsIdentifier(r.Actor, DisputeLimits.MaxActorLength))
        {
            return Reject(DisputeRejection.InvalidActor, $"Who acted is 1 to {DisputeLimits.MaxActorLength} letters, digits or . _ : -");
        }

        if (!Enum.IsDefined(r.By))
        {
            return Reject(DisputeRejection.UnknownCity, $"'{(int)r.By}' is not a city of the region.");
        }

        var texts = r switch
        {
            OpenDisputeRequest o => [(o.Reason, DisputeLimits.MaxReasonLength), (o.Evidence, DisputeLimits.MaxEvidenceLength)],
            ReviewDisputeRequest v => [(v.Note, DisputeLimits.MaxReasonLength)],
            UpholdDisputeRequest u => [(u.Reason, DisputeLimits.MaxReasonLength)],
            RejectDisputeRequest j => new (string Text, int Max)[] { (j.Reason, DisputeLimits.MaxReasonLength) },
            _ => [],
        };
        if (texts.Any(t => !IsText(t.Text, t.Max)))
        {
            return Reject(DisputeRejection.InvalidText, $"Reasons and notes are 1 to {DisputeLimits.MaxReasonLength} characters of text, evidence up to {DisputeLimits.MaxEvidenceLength}, without control characters.");
        }

        if (r is UpholdDisputeRequest { Amount: { } amount } && !amount.IsPositive)
        {
            return Reject(DisputeRejection.AmountNotPositive, $"A refund is a positive number of fen, not {amount.Fen}.");
        }

        return s.Version >= DisputeLimits.MaxEvents ? Decided(s) : null;
    }

    /// <summary>Reviewing and deciding belong to the city where the charge was made: it gives the money back.</summary>
    private static DisputeDecision.Reject? CheckActing(DisputeState s, DisputeRequest r)
    {
        if (s.Opened is not { } opened)
        {
            return Reject(DisputeRejection.CaseNotFound, $"No case {s.CaseId} has been opened.");
        }

        return r.By != opened.Acquirer
            ? Reject(DisputeRejection.NotChargeAcquirer, $"The charge was made in {opened.Acquirer}; only {opened.Acquirer} reviews and decides case {s.CaseId}.")
            : null;
    }

    /// <summary>Only a case under review is decided, and never on a card stream that does not verify.</summary>
    private static DisputeDecision.Reject? CheckDecidable(DisputeState s, StreamVerification? stream) => s.Status switch
    {
        DisputeStatus.Open => Reject(DisputeRejection.CaseNotUnderReview, $"Case {s.CaseId} is open; start the review first."),
        DisputeStatus.UnderReview when stream is not { Verified: true, Head: not null } => Reject(
            DisputeRejection.StreamNotVerified,
            stream?.Break is { } b ? $"Card {s.Opened!.Card}'s stream fails its hash chain at version {b.Version} ({b.Kind}): nothing is decided on it." : $"Card {s.Opened!.Card}'s stream could not be verified."),
        DisputeStatus.UnderReview => null,
        _ => Decided(s),
    };

    private static DisputeDecision.Reject Decided(DisputeState s) =>
        Reject(DisputeRejection.CaseDecided, $"Case {s.CaseId} was already decided ({s.Status}).");

    private static bool IsText(string? text, int max) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= max && !text.Any(char.IsControl);

    private static DisputeDecision.Reject Reject(DisputeRejection code, string detail) => new(code, detail);
}
