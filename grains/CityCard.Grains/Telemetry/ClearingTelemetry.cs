using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityCard.Contracts;
using CityCard.Domain.Projection;

namespace CityCard.Grains.Telemetry;

/// <summary>
/// The clearing house's signals: projection progress and lag (events behind, outstanding gaps), postings and late
/// postings, windows closed, each city's running net position in the current window, net debit cap crossings, and
/// the integrity alarm: cards whose hash chain broke (their postings held) and the events held.
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
    private readonly Counter<long> chainBreaks;
    private readonly Counter<long> heldEvents;
    private volatile Snapshot latest = new(0, 0, 0, new Dictionary<City, long>(), 0);

    public ClearingTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        events = meter.CreateCounter<long>("citycard.projection.events", "{event}", "Card events projected into the ledgers.");
        entries = meter.CreateCounter<long>("citycard.projection.entries", "{entry}", "Journal entries posted.");
        lateEntries = meter.CreateCounter<long>("citycard.projection.late_entries", "{entry}", "Entries posted to a later window because their own had closed.");
        windowsClosed = meter.CreateCounter<long>("citycard.clearing.windows_closed", "{window}", "Clearing windows closed into a settlement.");
        capCrossings = meter.CreateCounter<long>("citycard.clearing.net_debit_cap_crossings", "{crossing}", "A city's running net position went beyond its net debit cap.");
        chainBreaks = meter.CreateCounter<long>("citycard.projection.chain_breaks", "{card}", "Cards whose hash chain broke as the projection read them: their postings are held.");
        heldEvents = meter.CreateCounter<long>("citycard.projection.held_events", "{event}", "Card events read and held, not posted, because their card's hash chain broke.");
        meter.CreateObservableGauge("citycard.projection.held_cards", () => latest.HeldCards, "{card}", "Cards whose postings are held now (alert on any).");
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

        foreach (var broken in change.BrokenChains)
        {
            chainBreaks.Add(1, new KeyValuePair<string, object?>("issuer", broken.Card.Issuer.ToString()), new KeyValuePair<string, object?>("kind", broken.Break.Kind.ToString()));
        }

        heldEvents.Add(change.HeldEvents);
        var cp = change.State.Checkpoint;
        var lag = read is null ? latest.Lag : Math.Max(0, read.HighWater - cp.Position);
        latest = new Snapshot(cp.Position, lag, cp.GapSequences, change.State.RunningNets(currentWindow).ToDictionary(n => n.Key, n => n.Value.Fen), change.State.Holds.Count);
    }

    private sealed record Snapshot(long Position, long Lag, long Gaps, IReadOnlyDictionary<City, long> Nets, int HeldCards);
}
