using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Reconciliation;

/// <summary>What happened to a window, as a rebuild replays it.</summary>
public enum WindowStep
{
    RequestClose = 1,
    Close = 2,
    Confirm = 3,
    Abort = 4,
}

/// <summary>
/// One change of a live window's status, placed among the events: it happened once the projection had posted exactly
/// the events of <see cref="After"/> (every sequence number up to its position that is not in one of its gaps); null
/// when no event's place depends on it (a bank's confirmation or an abort comes after its window closed).
/// Ordered as the live clearing house did them: by cycle, then a close (inside a cycle) before commands (between
/// cycles), then by time and date.
/// </summary>
public sealed record WindowAction(long Cycle, int Rank, DateTimeOffset At, DateOnly Window, WindowStep Step, Checkpoint? After, ClearingWindow Live)
{
    /// <summary>Every status change recorded on the live windows, in the order they happened.</summary>
    public static IReadOnlyList<WindowAction> From(IEnumerable<ClearingWindow> live)
    {
        var actions = new List<WindowAction>();
        foreach (var w in live)
        {
            if (w.CloseRequestedAt is { } requested)
            {
                // Windows closed before their checkpoints were recorded: the high-water mark is the best we know.
                var closing = w.ClosingCheckpoint ?? new Checkpoint(w.CloseHighWater, [], w.CloseCycle);
                actions.Add(new(closing.Cycle, 1, requested, w.Date, WindowStep.RequestClose, closing, w));
            }

            if (w.ClosedAt is { } closedAt)
            {
                var closed = w.ClosedCheckpoint ?? new Checkpoint(w.CloseHighWater, [], w.CloseCycle + 1);
                actions.Add(new(closed.Cycle, 0, closedAt, w.Date, WindowStep.Close, closed, w));
            }

            if (w.AbortedAt is { } abortedAt)
            {
                actions.Add(new(w.AbortedInCycle ?? w.ClosedCheckpoint?.Cycle ?? w.CloseCycle + 1, 1, abortedAt, w.Date, WindowStep.Abort, null, w));
            }

            if (w.SettledAt is { } settledAt)
            {
                actions.Add(new(w.SettledInCycle ?? long.MaxValue, 1, settledAt, w.Date, WindowStep.Confirm, null, w));
            }
        }

        return [.. actions.OrderBy(a => a.Cycle).ThenBy(a => a.Rank).ThenBy(a => a.At).ThenBy(a => a.Window).ThenBy(a => a.Step)];
    }

    /// <summary>Whether the live projection had posted <paramref name="sequence"/> by the time of <paramref name="checkpoint"/>.</summary>
    public static bool Covers(Checkpoint checkpoint, long sequence) => checkpoint.Covers(sequence);
}
