using System.Collections.Immutable;

namespace CityCard.Domain.Projection;

/// <summary>
/// How far the projection has read: every sequence number up to <see cref="Position"/> is posted, or is in one of the
/// outstanding <see cref="Gaps"/>, or is <see cref="Held"/>. <see cref="Cycle"/> counts projection cycles; window
/// closing waits on it. Committed in the same transaction as the postings it covers.
/// </summary>
public sealed record Checkpoint(long Position, ImmutableList<GapRange> Gaps, long Cycle)
{
    public static Checkpoint Start { get; } = new(0, [], 0);

    /// <summary>
    /// Events read but not posted, because their card's hash chain broke at or before them (<see cref="HeldCard"/>):
    /// posted only when the hold is released. Empty in checkpoints written before holds.
    /// </summary>
    public ImmutableSortedSet<long> Held { get; init; } = [];

    public long GapSequences => Gaps.Sum(g => g.Count);

    /// <summary>Whether the projection had posted <paramref name="sequence"/> at this checkpoint.</summary>
    public bool Covers(long sequence) => sequence <= Position && !Held.Contains(sequence) && !Gaps.Any(g => g.Contains(sequence));
}
