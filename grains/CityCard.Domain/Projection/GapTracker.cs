using System.Collections.Immutable;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Projection;

/// <summary>
/// Keeps the holes in the event sequence until they are known to be for ever empty, so an event that commits late is
/// posted, never skipped. A sequence number is taken inside the appending transaction, so a higher number can commit
/// before a lower one, and a rolled-back transaction leaves its number unused.
///
/// A hole seen at database time T can only be filled by a transaction that began before T. Once no transaction that
/// began before T is still open, the hole is read one last time (after that check) and then forgotten: whatever was
/// in it has been posted, and the rest was rolled back. No timeout is involved, so a slow transaction is waited for
/// however long it takes; the cost of waiting is one indexed lookup per hole per cycle. See docs/decisions/0012.
/// </summary>
public static class GapTracker
{
    /// <summary>
    /// Removes found sequence numbers from the gaps, and drops the gaps that no open transaction can fill any more.
    /// <paramref name="oldestOpenTransaction"/> must have been read before the gap events were.
    /// </summary>
    public static ImmutableList<GapRange> Resolve(ImmutableList<GapRange> gaps, IEnumerable<long> found, DateTimeOffset? oldestOpenTransaction)
    {
        var foundSet = found.ToHashSet();
        var kept = ImmutableList.CreateBuilder<GapRange>();
        foreach (var gap in gaps)
        {
            // Strictly after: a transaction that began at the very instant of SeenAt is given the benefit of the doubt.
            if (oldestOpenTransaction is null || oldestOpenTransaction > gap.SeenAt)
            {
                continue;
            }

            kept.AddRange(Split(gap, foundSet));
        }

        return kept.ToImmutable();
    }

    /// <summary>
    /// Takes new events in order after <paramref name="position"/>, noting a gap before each event that does not
    /// follow on. Stops before an event whose gap would exceed <paramref name="maxGaps"/>, so the checkpoint never
    /// passes a hole it cannot remember.
    /// </summary>
    public static (IReadOnlyList<T> Taken, long Position, ImmutableList<GapRange> Gaps) Advance<T>(
        long position,
        ImmutableList<GapRange> gaps,
        IReadOnlyList<T> events,
        DateTimeOffset seenAt,
        int maxGaps)
        where T : ISequenced
    {
        var taken = new List<T>(events.Count);
        var builder = gaps.ToBuilder();
        foreach (var e in events)
        {
            if (e.Sequence <= position)
            {
                throw new InvalidOperationException($"Event {e.Sequence} is at or behind the checkpoint {position}: the read is out of order.");
            }

            if (e.Sequence > position + 1)
            {
                if (builder.Count >= maxGaps)
                {
                    break;
                }

                builder.Add(new GapRange(position + 1, e.Sequence - 1, seenAt));
            }

            taken.Add(e);
            position = e.Sequence;
        }

        return (taken, position, builder.ToImmutable());
    }

    /// <summary>The parts of a gap that are still empty; walks the found numbers, not the range, which may be huge.</summary>
    private static IEnumerable<GapRange> Split(GapRange gap, HashSet<long> found)
    {
        var start = gap.From;
        foreach (var s in found.Where(gap.Contains).Order())
        {
            if (s > start)
            {
                yield return gap with { From = start, To = s - 1 };
            }

            start = s + 1;
        }

        if (start <= gap.To)
        {
            yield return gap with { From = start };
        }
    }
}
