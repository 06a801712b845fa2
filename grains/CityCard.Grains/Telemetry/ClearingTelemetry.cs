using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityCard.Contracts;
using CityCard.Domain.Projection;

namespace CityCard.Grains.Telemetry;

/// <summary>
/// The clearing house's signals: projection progress and lag (events behind, outstanding gaps), postings and late
/// postings, windows closed, each city's running net position in the current window, and net debit cap crossings.
/// Gauges read the latest values the clearing grain reported.
/// </summary>
public sealed class ClearingTelemetry
{
    public const string MeterName = "CityCard.Clearing";
    public const string SourceName = "CityCard.Clearing";

    public static readonly ActivitySource Source = new(SourceName);

    private readonly Counter<long> events;
    private readonly Counter<long> entries;
    private readonly Counter<long> lateEntries;
    private readonly Counter<long> windowsClosed;
    private readonly Counter<long> capCrossings;
    private volatile Snapshot latest = new(0, 0, 0, new Dictionary<City, long>());

    public ClearingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        events = meter.CreateCounter<long>("citycard.projection.events", "{event}", "Card events projected into the ledgers.");
        entries = meter.CreateCounter<long>("citycard.projection.entries", "{entry}", "Journal entries posted.");
        lateEntries = meter.CreateCounter<long>("citycard.projection.late_entries", "{entry}", "Entries posted to a later window because their own had closed.");
        windowsClosed = meter.CreateCounter<long>("citycard.clearing.windows_closed", "{window}", "Clearing windows closed into a settlement.");
        capCrossings = meter.CreateCounter<long>("citycard.clearing.net_debit_cap_crossings", "{crossing}", "A city's running net position went beyond its net debit cap.");
        meter.CreateObservableGauge("citycard.projection.lag", () => latest.Lag, "{event}", "Sequence numbers handed out beyond the projection's checkpoint.");
        meter.CreateObservableGauge("citycard.projection.gaps", () => latest.Gaps, "{event}", "Sequence numbers behind the checkpoint still awaiting a transaction in flight.");
        meter.CreateObservableGauge("citycard.projection.position", () => latest.Position, "{event}", "The projection checkpoint.");
        meter.CreateObservableGauge(
            "citycard.clearing.net_position",
            () => latest.Nets.Select(n => new Measurement<long>(n.Value, new KeyValuePair<string, object?>("city", n.Key.ToString()))),
            "fen",
            "Each city's running net position in the current window: positive receives, negative pays.");
    }

    /// <summary>After each commit; <paramref name="read"/> is the cycle's read, null for a command.</summary>
    public void Record(ClearingChange change, CycleRead? read, DateOnly currentWindow)
    {
        events.Add(change.EventsProjected);
        entries.Add(change.Entries.Count);
        lateEntries.Add(change.LateEntries);
        if (read is not null)
        {
            // A cycle changes a closed window only in the cycle that closes it.
            windowsClosed.Add(change.ChangedWindows.Count(w => w.Status == WindowStatus.Closed));
        }

        foreach (var crossing in change.CapCrossings)
        {
            capCrossings.Add(1, new KeyValuePair<string, object?>("city", crossing.City.ToString()));
        }

        var cp = change.State.Checkpoint;
        var lag = read is null ? latest.Lag : Math.Max(0, read.HighWater - cp.Position);
        latest = new Snapshot(cp.Position, lag, cp.GapSequences, change.State.RunningNets(currentWindow).ToDictionary(n => n.Key, n => n.Value.Fen));
    }

    private sealed record Snapshot(long Position, long Lag, long Gaps, IReadOnlyDictionary<City, long> Nets);
}
