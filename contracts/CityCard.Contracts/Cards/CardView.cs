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
    long Version);

/// <summary>One event of a card's history, with the state it left behind.</summary>
/// <param name="BusinessTime">When it happened in the world (the terminal's tap time); null when that is the recording time.</param>
/// <param name="Amount">The money the event moved on the card, signed: positive in, negative out; zero for none.</param>
/// <param name="Fare">For a charge (or a fare adjustment): how the amount was worked out.</param>
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
    FareBreakdown? Fare = null);

[GenerateSerializer, Immutable, Alias("citycard.card-history")]
public sealed record CardHistory(CardNumber Card, DateTimeOffset? AsOf, IReadOnlyList<CardHistoryEntry> Entries, CardView State);
