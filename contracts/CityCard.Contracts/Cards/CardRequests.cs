namespace CityCard.Contracts;

// The operations a card accepts. Each carries an operation id chosen by the caller: a retry with the same id returns
// the first outcome and moves no money; the same id with different content is an OperationConflict.
// Positional parameters get their serialization ids in declaration order: append new ones, never reorder.

/// <summary>Base of every card operation: the caller's idempotency key.</summary>
[GenerateSerializer, Alias("citycard.card-request")]
public abstract record CardRequest(string OperationId)
{
    /// <summary>
    /// What a retry must repeat exactly, the operation's name first: the parts of its fingerprint. A request declares
    /// them here, and the event recording it the same parts (<c>IStartsOperation</c>), so the fingerprint is written
    /// once per operation. Null for the operations whose fingerprints <c>OperationFingerprint</c> lists itself (those
    /// from before this existed: their digests are stored in the operations registry and must not change).
    /// </summary>
    public virtual object?[]? CanonicalForm() => null;
}

/// <summary>Sell a card: the issuer must be the city the card number belongs to.</summary>
[GenerateSerializer, Immutable, Alias("citycard.issue-card")]
public sealed record IssueCardRequest(string OperationId, City IssuingCity, ProductCode Product, Money Deposit)
    : CardRequest(OperationId);

/// <summary>Load money onto a card, in any city (acquiring).</summary>
[GenerateSerializer, Immutable, Alias("citycard.top-up")]
public sealed record TopUpRequest(string OperationId, Money Amount, City LoadCity, TopUpChannel Channel)
    : CardRequest(OperationId);

/// <summary>
/// A tap or a purchase at a terminal. <paramref name="TappedAt"/> is the terminal's time, which for an offline tap
/// may be hours before the upload; the terminal id and sequence number identify the tap at its source.
/// A transit tap (bus, coach, rail, bike) carries its <paramref name="Ride"/> and no amount (zero): the fare comes
/// from the policy of <paramref name="AcquirerCity"/> in force at <paramref name="TappedAt"/>. A purchase (every
/// other category) carries the merchant's <paramref name="Amount"/> and no ride.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.charge")]
public sealed record ChargeRequest(
    string OperationId,
    Money Amount,
    City AcquirerCity,
    string MerchantId,
    Category Category,
    string TerminalId,
    long TerminalSequence,
    DateTimeOffset TappedAt,
    RideDetails? Ride = null) : CardRequest(OperationId)
{
    /// <summary>A transit tap: the fare is the policy's business, so there is no amount.</summary>
    public static ChargeRequest ForRide(
        string operationId, City city, string operatorId, Category mode, string terminalId, long terminalSequence, DateTimeOffset tappedAt, RideDetails ride) =>
        new(operationId, Money.Zero, city, operatorId, mode, terminalId, terminalSequence, tappedAt, ride);

    /// <summary>A purchase at a merchant: the merchant's amount, before any discount the card's product earns.</summary>
    public static ChargeRequest ForPurchase(
        string operationId, Money amount, City city, string merchantId, Category category, string terminalId, long terminalSequence, DateTimeOffset tappedAt) =>
        new(operationId, amount, city, merchantId, category, terminalId, terminalSequence, tappedAt);
}

/// <summary>Give back all or part of one earlier charge, at most once.</summary>
[GenerateSerializer, Immutable, Alias("citycard.reverse-charge")]
public sealed record ReverseChargeRequest(string OperationId, string ChargeOperationId, Money Amount, string Reason)
    : CardRequest(OperationId);

/// <summary>
/// Give back all or part of one earlier charge because dispute case <paramref name="CaseId"/> was upheld. Sent by
/// the case; reversals and refunds of a charge together never exceed what was paid for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.refund-charge")]
public sealed record RefundChargeRequest(string OperationId, string ChargeOperationId, Money Amount, string CaseId, string Reason)
    : CardRequest(OperationId);

[GenerateSerializer, Immutable, Alias("citycard.block-card")]
public sealed record BlockCardRequest(string OperationId, BlockReason Reason) : CardRequest(OperationId);

[GenerateSerializer, Immutable, Alias("citycard.unblock-card")]
public sealed record UnblockCardRequest(string OperationId) : CardRequest(OperationId);

/// <summary>Move the balance and deposit to a new, not yet issued card of the same issuer; the old card is finished.</summary>
[GenerateSerializer, Immutable, Alias("citycard.replace-card")]
public sealed record ReplaceCardRequest(string OperationId, CardNumber NewCard) : CardRequest(OperationId);

/// <summary>Refund balance and deposit to the holder; the card is finished.</summary>
[GenerateSerializer, Immutable, Alias("citycard.close-card")]
public sealed record CloseCardRequest(string OperationId) : CardRequest(OperationId);

/// <summary>Replacement, step one, sent by the old card to the new one: claim the new number.</summary>
[GenerateSerializer, Immutable, Alias("citycard.claim-replacement")]
public sealed record ClaimReplacementRequest(string OperationId, CardNumber OldCard, ProductCode Product)
    : CardRequest(OperationId);

/// <summary>Replacement, last step, sent by the old card to the new one: the money the old card gave up.</summary>
[GenerateSerializer, Immutable, Alias("citycard.receive-replacement-funds")]
public sealed record ReceiveReplacementFundsRequest(string OperationId, CardNumber OldCard, Money Balance, Money Deposit)
    : CardRequest(OperationId);

/// <summary>
/// Sell a pass to the card, paid from its balance (decision 0060). <paramref name="DefinedBy"/> is the city whose
/// policy defines the pass, or null for a pass of the region; <paramref name="Month"/>, for a monthly pass, is any day
/// of the month it is for (the current or the next); null for other passes.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.sell-pass")]
public sealed record SellPassRequest(string OperationId, City? DefinedBy, string Product, DateOnly? Month)
    : CardRequest(OperationId);

/// <summary>Refund a pass pro rata to the card's balance, under its policy's rule.</summary>
[GenerateSerializer, Immutable, Alias("citycard.refund-pass")]
public sealed record RefundPassRequest(string OperationId, string PassId)
    : CardRequest(OperationId);

/// <summary>
/// Apportion every slice of the card's passes that has ended and was not yet apportioned (or whose apportionment a
/// late covered ride changed), at the time the card records it: the clearing's trigger at each day's end.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.apportion-passes")]
public sealed record ApportionPassesRequest(string OperationId)
    : CardRequest(OperationId);
