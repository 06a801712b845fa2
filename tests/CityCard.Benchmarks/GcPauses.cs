using System.Diagnostics.Tracing;

namespace CityCard.Benchmarks;

/// <summary>
/// Every garbage collection while it listens, from the runtime's own events: how long the runtime was suspended for
/// each (GCSuspendEEBegin to GCRestartEEEnd) and which generation it collected. It shows whether a latency percentile
/// is made of collector pauses, without attaching a profiler (issue 9, sixth round).
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const int GcStart = 1;
    private const int RestartEngineEnd = 3;
    private const int SuspendEngineBegin = 9;
    private const int AllocationTick = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Lock gate = new();
    private readonly List<(int Generation, double PauseMs)> pauses = [];
    private readonly Dictionary<string, long> sampledBytes = [];
    private readonly bool sampleAllocations = Environment.GetEnvironmentVariable("CITYCARD_BENCH_ALLOCATIONS") == "1";
    private DateTime suspendedAt;
    private int generation = -1;
    private volatile bool listening;

    public void Start() => listening = true;

    /// <summary>The pauses seen since <see cref="Start"/>, and stops listening.</summary>
    public IReadOnlyList<(int Generation, double PauseMs)> Stop()
    {
        listening = false;
        lock (gate)
        {
            return [.. pauses];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // CITYCARD_BENCH_ALLOCATIONS=1 also samples what is allocated (the runtime's tick every ~100 KB, by type).
            EnableEvents(source, sampleAllocations ? EventLevel.Verbose : EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!listening)
        {
            return;
        }

        lock (gate)
        {
            switch (e.EventId)
            {
                case SuspendEngineBegin:
                    suspendedAt = e.TimeStamp;
                    generation = -1;
                    break;
                case GcStart when e.Payload is { Count: > 1 } payload && payload[1] is uint depth:
                    generation = (int)depth;
                    break;
                case AllocationTick when e.Payload is { Count: > 5 } payload && payload[5] is string type && payload[3] is ulong amount:
                    sampledBytes[type] = sampledBytes.GetValueOrDefault(type) + (long)amount;
                    break;
                case RestartEngineEnd when suspendedAt != default:
                    pauses.Add((generation, (e.TimeStamp - suspendedAt).TotalMilliseconds));
                    suspendedAt = default;
                    break;
            }
        }
    }

    /// <summary>The types that took most of the sampled allocations, with their share; empty unless sampling.</summary>
    public string TopAllocations(int count)
    {
        lock (gate)
        {
            var total = sampledBytes.Values.Sum();
            return string.Join("; ", sampledBytes.OrderByDescending(p => p.Value).Take(count).Select(p => $"{p.Key} {100.0 * p.Value / total:F1} %"));
        }
    }

    /// <summary>One line: collections and pauses by generation (−1: a suspension with no collection in it).</summary>
    public static string Describe(IReadOnlyList<(int Generation, double PauseMs)> seen) =>
        seen.Count == 0 ? "no collections" : string.Join("; ", seen.GroupBy(p => p.Generation).OrderBy(g => g.Key).Select(g =>
            $"gen{g.Key}: {g.Count()} pauses, {g.Sum(p => p.PauseMs):F0} ms in all, max {g.Max(p => p.PauseMs):F1} ms, {g.Count(p => p.PauseMs >= 20):N0} ≥ 20 ms"));
}
