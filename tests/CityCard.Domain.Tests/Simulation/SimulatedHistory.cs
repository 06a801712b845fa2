using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Tests.Simulation;

/// <summary>
/// A card event as a simulated event store holds it: its sequence number, when its transaction took the number
/// (<see cref="BeganAt"/>) and when it committed; <see cref="CommittedAt"/> is null for a transaction rolled back at
/// <see cref="EndedAt"/>, leaving its number unused. <see cref="Stored"/> carries the event's chain links, as the card
/// store writes them.
/// </summary>
public sealed record SimulatedAppend(long Sequence, StoredCardEvent? Stored, DateTimeOffset BeganAt, DateTimeOffset EndedAt)
{
    public RecordedCardEvent? Event => Stored?.Recorded;

    public DateTimeOffset? CommittedAt => Stored is null ? null : EndedAt;
}

/// <summary>A random history of the four cities' cards, and the cards as it left them.</summary>
public sealed record SimulatedHistory(IReadOnlyList<SimulatedAppend> Appends, IReadOnlyDictionary<CardNumber, CardState> Cards)
{
    public IEnumerable<RecordedCardEvent> Events => Appends.Where(a => a.Event is not null).Select(a => a.Event!);

    public DateTimeOffset End => Appends.Max(a => a.EndedAt);
}
