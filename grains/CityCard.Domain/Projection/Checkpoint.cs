using System.Collections.Immutable;

namespace CityCard.Domain.Projection;

/// <summary>
/// How far the projection has read: every sequence number up to <see cref="Position"/> is posted, or is in one of the
/// outstanding <see cref="Gaps"/>. <see cref="Cycle"/> counts projection cycles; window closing waits on it.
/// Committed in the same transaction as the postings it covers.
/// </summary>
public sealed record Checkpoint(long Position, ImmutableList<GapRange> Gaps, long Cycle)
{
    public static Checkpoint Start { get; } = new(0, [], 0);

    public long GapSequences => Gaps.Sum(g => g.Count);
}
