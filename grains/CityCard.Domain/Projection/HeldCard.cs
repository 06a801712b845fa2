using System.Collections.Immutable;
using CityCard.Contracts;

namespace CityCard.Domain.Projection;

/// <summary>
/// A card whose postings the clearing house holds because its hash chain broke: <see cref="Break"/> names the first
/// event that did not check, at <see cref="BreakSequence"/>; that event and every later event of the card are read but
/// not posted (<see cref="Sequences"/>, also in the checkpoint's held set) until the hold is released, which is only
/// possible once the card's whole stream verifies again (the changed row restored). Other cards go on. See
/// docs/decisions/0035.
/// </summary>
public sealed record HeldCard(
    CardNumber Card,
    ChainBreak Break,
    long BreakSequence,
    DateTimeOffset HeldAt,
    long HeldInCycle,
    ImmutableSortedSet<long> Sequences,
    DateTimeOffset? ReleasedAt = null,
    string? ReleasedBy = null)
{
    public bool IsReleased => ReleasedAt is not null;

    public HeldCardView ToView() =>
        new(Card, BreakSequence, Break.Version, Break.EventType, Break.OperationId, Break.Kind, HeldAt, Sequences.Count, ReleasedAt, ReleasedBy);
}
