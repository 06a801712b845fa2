using CityCard.Contracts;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Projection;

/// <summary>
/// One projection cycle, pure: from what was read, the postings to make (each event's hash-chain link checked first;
/// a card whose chain breaks is held), the new checkpoint and gaps, the windows that finish closing and those that
/// start closing by themselves. The caller commits the whole change in one transaction.
/// </summary>
public static class ProjectionStep
{
    /// <param name="payees">
    /// The registries' operators and releasable suspense, read before a cycle that may close a window; null only where
    /// no registry exists (the arithmetic's own tests), when operators are paid as reported.
    /// </param>
    public static ClearingChange Run(ClearingState state, CycleRead read, ClearingPolicy policy, DateTimeOffset now, PayeeDirectory? payees = null)
    {
        var before = state.Checkpoint;
        foreach (var e in read.GapEvents)
        {
            // Posting an event the checkpoint already covers would post it twice: the store must only return gap events.
            if (!before.Gaps.Any(g => g.Contains(e.Sequence)))
            {
                throw new InvalidOperationException($"Event {e.Sequence} was read as a gap event but is in no outstanding gap.");
            }
        }

        var gaps = GapTracker.Resolve(before.Gaps, read.GapEvents.Select(e => e.Sequence), read.OldestOpenTransaction);
        var (taken, position, allGaps) = GapTracker.Advance(before.Position, gaps, read.NewEvents, read.SeenAt, policy.MaxGapRanges);

        var change = new ClearingChangeBuilder(state, policy);
        foreach (var e in read.GapEvents.Concat(taken))
        {
            change.Project(e, now, read.Links);
        }

        change.Checkpoint = new Checkpoint(position, allGaps, before.Cycle + 1) { Held = before.Held.Union(change.HeldSequences) };
        change.CaughtUp = read.ReadToEnd && taken.Count == read.NewEvents.Count;
        CloseReadyWindows(change, now, payees);
        StartDueClosings(change, policy, now, read.HighWater);
        return change.Build();
    }

    /// <summary>
    /// A closing window closes once a cycle that began after the close request (its own gap re-checks included) has
    /// projected up to the high-water mark taken at the request, or has read every visible event (the numbers up to
    /// the mark that it did not see belong to transactions that had not committed): every event committed before the
    /// request is then posted. Windows close in date order.
    /// </summary>
    private static void CloseReadyWindows(ClearingChangeBuilder change, DateTimeOffset now, PayeeDirectory? payees)
    {
        foreach (var window in change.Book.WithStatus(WindowStatus.Closing).OrderBy(w => w.Date).ToList())
        {
            var projectedEnough = change.Checkpoint.Position >= window.CloseHighWater || change.CaughtUp;
            if (!projectedEnough || change.Checkpoint.Cycle <= window.CloseCycle)
            {
                return;
            }

            change.Close(window, now, payees);
        }
    }

    /// <summary>Open windows whose cut-off (plus the configured delay) has passed start closing, oldest first.</summary>
    private static void StartDueClosings(ClearingChangeBuilder change, ClearingPolicy policy, DateTimeOffset now, long highWater)
    {
        if (policy.AutoCloseAfter is not { } delay)
        {
            return;
        }

        foreach (var window in change.Book.WithStatus(WindowStatus.Open).OrderBy(w => w.Date).ToList())
        {
            if (policy.Calendar.EndOf(window.Date) + delay > now)
            {
                return;
            }

            change.Set(window with
            {
                Status = WindowStatus.Closing,
                CloseRequestedAt = now,
                CloseHighWater = highWater,
                CloseCycle = change.Checkpoint.Cycle,
                ClosingCheckpoint = change.Checkpoint,
            });
        }
    }
}
