using CityCard.Contracts;

namespace CityCard.Domain.Disputes;

// A dispute case's events: immutable, past tense, pinned names (DisputeEventTypes). Every step names the city that
// took it and who acted for it, and why; the decision names the card stream's verified chain head it was taken on.

/// <summary>Base of every dispute event: the operation that caused it and when it was recorded.</summary>
public abstract record DisputeEvent(string OperationId, DateTimeOffset RecordedAt);

/// <summary>
/// The card's issuing city opened a case against one charge. The charge's facts are copied from the card as they
/// stood (what it cost, where, when), with the deadline the case met.
/// </summary>
public sealed record DisputeOpened(
    string OperationId,
    DateTimeOffset RecordedAt,
    string CaseId,
    CardNumber Card,
    string ChargeOperationId,
    City OpenedBy,
    string Actor,
    string Reason,
    string Evidence,
    City Acquirer,
    Category Category,
    string MerchantId,
    Money ChargeAmount,
    DateTimeOffset ChargeTappedAt,
    DateTimeOffset Deadline) : DisputeEvent(OperationId, RecordedAt);

/// <summary>The charge's city took the case up.</summary>
public sealed record DisputeReviewStarted(string OperationId, DateTimeOffset RecordedAt, City By, string Actor, string Note)
    : DisputeEvent(OperationId, RecordedAt);

/// <summary>
/// The charge's city upheld the case: the card is to be refunded <see cref="Amount"/> (<see cref="Full"/>: all that
/// was left of the charge; <see cref="RequestedAmount"/> null when the decision asked for just that) under
/// <see cref="RefundOperationId"/>, on the card stream whose verified head was <see cref="StreamHead"/>.
/// </summary>
public sealed record DisputeUpheld(
    string OperationId,
    DateTimeOffset RecordedAt,
    City By,
    string Actor,
    Money? RequestedAmount,
    Money Amount,
    bool Full,
    string Reason,
    string StreamHead,
    string RefundOperationId) : DisputeEvent(OperationId, RecordedAt);

/// <summary>The charge's city rejected the case, on the card stream whose verified head was <see cref="StreamHead"/>.</summary>
public sealed record DisputeRejected(string OperationId, DateTimeOffset RecordedAt, City By, string Actor, string Reason, string StreamHead)
    : DisputeEvent(OperationId, RecordedAt);

/// <summary>The card recorded the refund (charge_refunded.v1) at <see cref="CardVersion"/>. Continues the uphold's operation.</summary>
public sealed record DisputeRefundPaid(string OperationId, DateTimeOffset RecordedAt, string RefundOperationId, Money Amount, long CardVersion)
    : DisputeEvent(OperationId, RecordedAt);

/// <summary>
/// The card refused the refund (a reversal got there first, the card was closed…): the case stays upheld, the money
/// did not move, and operations must settle it by hand. Continues the uphold's operation.
/// </summary>
public sealed record DisputeRefundFailed(string OperationId, DateTimeOffset RecordedAt, string RefundOperationId, RejectionCode Code, string Detail)
    : DisputeEvent(OperationId, RecordedAt);
