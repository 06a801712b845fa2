using System.Text.Json.Serialization;
using CityCard.Contracts;

namespace CityCard.Domain.Cards;

// A card's events: immutable, past-tense facts. Stored names and versions are pinned on each event ([StoredAs]); a stored
// event is never edited or deleted, and a mistake is corrected by a compensating event (a reversal, a refund).
// RecordedAt is when the system recorded the fact (from the injected clock); business times such as a terminal's
// tap time are separate fields.

/// <summary>Base of every card event: the operation that caused it and when it was recorded.</summary>
public abstract record CardEvent(string OperationId, DateTimeOffset RecordedAt);

[StoredAs("card_issued.v1")]
public sealed record CardIssued(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber Card,
    City Issuer,
    ProductCode Product,
    Money Deposit) : CardEvent(OperationId, RecordedAt);

[StoredAs("card_topped_up.v1")]
public sealed record CardToppedUp(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money Amount,
    City LoadCity,
    TopUpChannel Channel) : CardEvent(OperationId, RecordedAt);

/// <summary>
/// The details of a tap or purchase as the terminal reported them; shared by charges and refusals. For a transit
/// tap, <see cref="Ride"/> holds the route, stations and times the fare came from (null on purchases, and on taps
/// recorded before fares came from policies).
/// </summary>
public sealed record TapDetails(
    City AcquirerCity,
    string MerchantId,
    Category Category,
    string TerminalId,
    long TerminalSequence,
    DateTimeOffset TappedAt,
    RideDetails? Ride = null);

/// <summary>
/// A tap or purchase accepted: <see cref="Amount"/> left the card (zero for a ride that was free or capped).
/// <see cref="Fare"/> is how the city's policy arrived at it; null only on charges recorded before policies.
/// </summary>
[StoredAs("card_charged.v1")]
public sealed record CardCharged(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money Amount,
    TapDetails Tap,
    FareBreakdown? Fare = null) : CardEvent(OperationId, RecordedAt);

/// <summary>A tap the card refused, recorded so that "the gate refused me at 08:12" can be answered later.</summary>
[StoredAs("charge_refused.v1")]
public sealed record ChargeRefused(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money Amount,
    TapDetails Tap,
    RejectionCode Reason,
    FareBreakdown? Fare = null) : CardEvent(OperationId, RecordedAt), IMovesNoMoney;

/// <summary>
/// The fare of an earlier ride, <see cref="ChargeOperationId"/>, worked out again because a tap from before it
/// (<see cref="CardEvent.OperationId"/>) arrived late: the caps filled earlier, or a transfer or free ride moved.
/// The card's balance changes by <see cref="FareBefore"/> − <see cref="FareAfter"/>: positive is money back to the
/// card (owed by the acquiring city's operator), negative a further charge. <see cref="Fare"/> is the new breakdown.
/// </summary>
[StoredAs("fare_adjusted.v1")]
public sealed record FareAdjusted(
    string OperationId,
    DateTimeOffset RecordedAt,
    string ChargeOperationId,
    DateTimeOffset RideTappedAt,
    City AcquirerCity,
    Category Category,
    string MerchantId,
    Money FareBefore,
    Money FareAfter,
    FareBreakdown Fare,
    string Reason) : CardEvent(OperationId, RecordedAt)
{
    /// <summary>What the card's balance gains (negative: loses).</summary>
    [JsonIgnore]
    public Money BalanceChange => FareBefore - FareAfter;
}

[StoredAs("charge_reversed.v1")]
public sealed record ChargeReversed(
    string OperationId,
    DateTimeOffset RecordedAt,
    string ChargeOperationId,
    Money Amount,
    City AcquirerCity,
    Category Category,
    string MerchantId,
    string Reason) : CardEvent(OperationId, RecordedAt);

/// <summary>
/// All or part of a charge given back because dispute case <see cref="CaseId"/> was upheld: a compensating event,
/// never an edit of the charge. It names the charge, its city, category, operator and tap time, so settlement can
/// post it against the acquirer (a chargeback when that is another city) without looking the charge up.
/// </summary>
[StoredAs("charge_refunded.v1")]
public sealed record ChargeRefunded(
    string OperationId,
    DateTimeOffset RecordedAt,
    string ChargeOperationId,
    Money Amount,
    City AcquirerCity,
    Category Category,
    string MerchantId,
    DateTimeOffset ChargeTappedAt,
    string CaseId,
    string Reason) : CardEvent(OperationId, RecordedAt);

[StoredAs("card_blocked.v1")]
public sealed record CardBlocked(string OperationId, DateTimeOffset RecordedAt, BlockReason Reason)
    : CardEvent(OperationId, RecordedAt), IMovesNoMoney;

[StoredAs("card_unblocked.v1")]
public sealed record CardUnblocked(string OperationId, DateTimeOffset RecordedAt)
    : CardEvent(OperationId, RecordedAt), IMovesNoMoney;

/// <summary>The old card gave up its balance and deposit to <see cref="NewCard"/>; it is finished.</summary>
[StoredAs("card_replaced.v1")]
public sealed record CardReplaced(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber NewCard,
    Money BalanceMoved,
    Money DepositMoved) : CardEvent(OperationId, RecordedAt);

/// <summary>A new card's number was claimed as the replacement of <see cref="OldCard"/>; its money is on the way.</summary>
[StoredAs("replacement_card_claimed.v1")]
public sealed record ReplacementCardClaimed(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber Card,
    City Issuer,
    CardNumber OldCard,
    ProductCode Product) : CardEvent(OperationId, RecordedAt), IMovesNoMoney;

/// <summary>The replacement card received what the old card gave up; it is now active.</summary>
[StoredAs("replacement_funds_received.v1")]
public sealed record ReplacementFundsReceived(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber OldCard,
    Money Balance,
    Money Deposit) : CardEvent(OperationId, RecordedAt);

/// <summary>
/// The holder was refunded the balance and the deposit; the card is finished. A card closed with a negative balance
/// (after a transit overdraft) refunds no balance: <see cref="DebtSettledFromDeposit"/> of the deposit is kept by the
/// issuer to cover it, and only the rest of the deposit is refunded. Null on cards closed without debt.
/// </summary>
[StoredAs("card_closed.v1")]
public sealed record CardClosed(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money BalanceRefunded,
    Money DepositRefunded,
    Money? DebtSettledFromDeposit = null) : CardEvent(OperationId, RecordedAt);
