using CityCard.Contracts;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Cards;

// A card's pass events (decisions 0060, 0061): immutable facts like every card event, pinned in CardEventTypes, linked
// into the card's hash chain. Each carries what its posting and its fold need, so neither reads a policy again.

/// <summary>
/// A pass sold to the card, paid from its balance: the pass as sold (its terms fixed by the policy version it was sold
/// under, its issuer, price and validity). Its id is the sale's operation id.
/// </summary>
[StoredAs("pass_sold.v1")]
public sealed record PassSold(
    string OperationId,
    DateTimeOffset RecordedAt,
    HeldPass Pass) : CardEvent(OperationId, RecordedAt);

/// <summary>
/// A pass refunded pro rata to the card's balance: <see cref="Amount"/> is price × <see cref="Remaining"/> /
/// <see cref="Total"/> <see cref="Unit"/> rounded down (<see cref="ProRata"/>) less the policy's <see cref="Fee"/>.
/// <see cref="Issuer"/> is the city whose ledger held the pass's money and now gives it back.
/// </summary>
[StoredAs("pass_refunded.v1")]
public sealed record PassRefunded(
    string OperationId,
    DateTimeOffset RecordedAt,
    string PassId,
    City Issuer,
    Money Amount,
    Money ProRata,
    Money Fee,
    int Remaining,
    int Total,
    string Unit) : CardEvent(OperationId, RecordedAt);

/// <summary>
/// A replacement card takes over the old card's passes not refunded and not over, as they were (same ids, periods,
/// first uses and entries), with their covered uses so far and the slices the old card already apportioned, which
/// their apportionment still needs (a slice is apportioned once, whichever card holds the pass). No money moves: the
/// pass's issuer holds it. Recorded with <see cref="ReplacementFundsReceived"/>, under the replacement's operation.
/// </summary>
[StoredAs("passes_carried_over.v1")]
public sealed record PassesCarriedOver(
    string OperationId,
    DateTimeOffset RecordedAt,
    CardNumber OldCard,
    IReadOnlyList<HeldPass> Passes,
    IReadOnlyList<PassUse> Uses,
    IReadOnlyList<SliceApportionment> Apportioned) : CardEvent(OperationId, RecordedAt), IMovesNoMoney;

/// <summary>
/// The slices of the card's passes that ended, apportioned among the operators whose services the holder used (or
/// apportioned again after a late covered ride: <see cref="PassSliceRevenue.Before"/> is then what was posted). Posted
/// in the window it is recorded in and settled between the cities there.
/// </summary>
[StoredAs("passes_apportioned.v1")]
public sealed record PassesApportioned(
    string OperationId,
    DateTimeOffset RecordedAt,
    IReadOnlyList<PassSliceRevenue> Slices) : CardEvent(OperationId, RecordedAt);

/// <summary>One slice's apportionment, and, for a correction, the apportionment it replaces (only the difference is posted).</summary>
public sealed record PassSliceRevenue(SliceApportionment Apportionment, SliceApportionment? Before = null);
