using CityCard.Contracts;

namespace CityCard.Domain.Cards;

// A card's events: immutable, past-tense facts. Stored names and versions are pinned in CardEventTypes; a stored
// event is never edited or deleted, and a mistake is corrected by a compensating event (a reversal, a refund).
// RecordedAt is when the system recorded the fact (from the injected clock); business times such as a terminal's
// tap time are separate fields.

/// <summary>Base of every card event: the operation that caused it and when it was recorded.</summary>
public abstract record CardEvent(string OperationId, DateTimeOffset RecordedAt);

public sealed record CardIssued(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber Card,
    City Issuer,
    ProductCode Product,
    Money Deposit) : CardEvent(OperationId, RecordedAt);

public sealed record CardToppedUp(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money Amount,
    City LoadCity,
    TopUpChannel Channel) : CardEvent(OperationId, RecordedAt);

/// <summary>The details of a tap or purchase as the terminal reported them; shared by charges and refusals.</summary>
public sealed record TapDetails(
    City AcquirerCity,
    string MerchantId,
    Category Category,
    string TerminalId,
    long TerminalSequence,
    DateTimeOffset TappedAt);

public sealed record CardCharged(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money Amount,
    TapDetails Tap) : CardEvent(OperationId, RecordedAt);

/// <summary>A tap the card refused, recorded so that "the gate refused me at 08:12" can be answered later.</summary>
public sealed record ChargeRefused(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money Amount,
    TapDetails Tap,
    RejectionCode Reason) : CardEvent(OperationId, RecordedAt);

public sealed record ChargeReversed(
    string OperationId,
    DateTimeOffset RecordedAt,
    string ChargeOperationId,
    Money Amount,
    City AcquirerCity,
    Category Category,
    string MerchantId,
    string Reason) : CardEvent(OperationId, RecordedAt);

public sealed record CardBlocked(string OperationId, DateTimeOffset RecordedAt, BlockReason Reason)
    : CardEvent(OperationId, RecordedAt);

public sealed record CardUnblocked(string OperationId, DateTimeOffset RecordedAt)
    : CardEvent(OperationId, RecordedAt);

/// <summary>The old card gave up its balance and deposit to <see cref="NewCard"/>; it is finished.</summary>
public sealed record CardReplaced(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber NewCard,
    Money BalanceMoved,
    Money DepositMoved) : CardEvent(OperationId, RecordedAt);

/// <summary>A new card's number was claimed as the replacement of <see cref="OldCard"/>; its money is on the way.</summary>
public sealed record ReplacementCardClaimed(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber Card,
    City Issuer,
    CardNumber OldCard,
    ProductCode Product) : CardEvent(OperationId, RecordedAt);

/// <summary>The replacement card received what the old card gave up; it is now active.</summary>
public sealed record ReplacementFundsReceived(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber OldCard,
    Money Balance,
    Money Deposit) : CardEvent(OperationId, RecordedAt);

/// <summary>The holder was refunded the balance and the deposit; the card is finished.</summary>
public sealed record CardClosed(
    string OperationId,
    DateTimeOffset RecordedAt,
    Money BalanceRefunded,
    Money DepositRefunded) : CardEvent(OperationId, RecordedAt);
