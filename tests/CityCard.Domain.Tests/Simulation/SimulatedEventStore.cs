using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Tests.Simulation;

/// <summary>
/// Answers a projection cycle's reads at a moment of simulated time the way PostgreSQL would: only committed events
/// are visible, numbers go to transactions in the order they begin, and the oldest open transaction is known.
/// </summary>
public sealed class SimulatedEventStore(SimulatedHistory history)
{
    // Sequence numbers are 1..n in the order transactions began, so number s sits at index s - 1.
    private readonly IReadOnlyList<SimulatedAppend> appends = history.Appends;
    private readonly SimulatedAppend[] slow = history.Appends.Where(a => a.EndedAt > a.BeganAt).ToArray();

    public CycleRead Read(Checkpoint checkpoint, DateTimeOffset at, int batch)
    {
        var highWater = HighWater(at);
        var oldestOpen = slow.Where(a => a.BeganAt <= at && a.EndedAt > at).Select(a => (DateTimeOffset?)a.BeganAt).Min();
        var gapEvents = checkpoint.Gaps
            .SelectMany(g => Range(g.From, Math.Min(g.To, highWater)))
            .Where(a => a.CommittedAt <= at)
            .Select(a => a.Stored!)
            .ToList();
        var newEvents = Range(checkpoint.Position + 1, highWater)
            .Where(a => a.CommittedAt <= at)
            .Take(batch)
            .Select(a => a.Stored!)
            .ToList();
        return new CycleRead(oldestOpen, gapEvents, newEvents, at, highWater, newEvents.Count < batch);
    }

    public long HighWater(DateTimeOffset at)
    {
        int low = 0, high = appends.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (appends[mid].BeganAt <= at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private IEnumerable<SimulatedAppend> Range(long from, long to)
    {
        for (var s = from; s <= to; s++)
        {
            yield return appends[(int)(s - 1)];
        }
    }
}
