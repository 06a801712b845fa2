namespace CityCard.Contracts;

/// <summary>A card's current state, derived from its events.</summary>
[GenerateSerializer, Immutable, Alias("citycard.card-view")]
public sealed record CardView(
    CardNumber Card,
    City Issuer,
    ProductCode? Product,
    CardStatus Status,
    Money Balance,
    Money Deposit,
    BlockReason? BlockedFor,
    CardNumber? ReplacedBy,
    CardNumber? ReplacementOf,
    long Version,
    IReadOnlyList<PassView>? Passes = null);

/// <summary>
/// A pass the card holds, as its holder reads it: what was bought, for how much, the period it covers (null until a
/// first-use pass is first used), the entries left of one that counts them, and a refund.
/// </summary>
/// <param name="Policy">The version that defines the pass, e.g. <c>region@2027-01-01</c>.</param>
[GenerateSerializer, Immutable, Alias("citycard.pass-view")]
public sealed record PassView(
    string PassId,
    string Product,
    string Name,
    string Policy,
    City Issuer,
    Money Price,
    DateTimeOffset SoldAt,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    DateTimeOffset? FirstUsedAt,
    int? EntriesLeft,
    DateTimeOffset? RefundedAt,
    Money Refunded);

/// <summary>One event of a card's history, with the state it left behind.</summary>
/// <param name="BusinessTime">When it happened in the world (the terminal's tap time); null when that is the recording time.</param>
/// <param name="Amount">The money the event moved on the card, signed: positive in, negative out; zero for none.</param>
/// <param name="Fare">For a charge (or a fare adjustment): how the amount was worked out.</param>
/// <param name="Refusal">For a refused tap: why.</param>
/// <param name="Late">Recorded well after it happened (an offline tap uploaded later, a fare adjusted after a late tap).</param>
/// <param name="Hash">The hash stored with the event when it was appended (its link in the stream's chain).</param>
/// <param name="ChargeOperationId">
/// For a fare adjustment, a reversal or a refund: the operation id of the charge (the ride) it concerns. A fare
/// adjustment's own operation id is the late tap's that caused it.
/// </param>
/// <param name="FareBefore">For a fare adjustment: the ride's fare before it (the fare after is <see cref="Fare"/>'s charged).</param>
[GenerateSerializer, Immutable, Alias("citycard.card-history-entry")]
public sealed record CardHistoryEntry(
    long Version,
    string EventType,
    string OperationId,
    DateTimeOffset RecordedAt,
    DateTimeOffset? BusinessTime,
    Money Amount,
    Money BalanceAfter,
    CardStatus StatusAfter,
    string Summary,
    FareBreakdown? Fare = null,
    RejectionCode? Refusal = null,
    bool Late = false,
    string? Hash = null,
    string? ChargeOperationId = null,
    Money? FareBefore = null);

/// <summary>
/// A card replayed up to a moment (recording time) and/or a version: its events with the state after each, the state
/// at that point, and whether the whole stream's hash chain verifies (null when it was not checked).
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.card-history")]
public sealed record CardHistory(
    CardNumber Card,
    DateTimeOffset? AsOf,
    IReadOnlyList<CardHistoryEntry> Entries,
    CardView State,
    long? AsOfVersion = null,
    StreamVerification? Verification = null);

/// <summary>Where to stop a replay: events recorded at or before <paramref name="AsOf"/>, up to <paramref name="AsOfVersion"/>; both optional.</summary>
[GenerateSerializer, Immutable, Alias("citycard.replay-point")]
public sealed record ReplayPoint(DateTimeOffset? AsOf = null, long? AsOfVersion = null)
{
    public static ReplayPoint Now { get; } = new();

    public bool Includes(long version, DateTimeOffset recordedAt) =>
        (AsOfVersion is not { } v || version <= v) && (AsOf is not { } t || recordedAt <= t);
}
