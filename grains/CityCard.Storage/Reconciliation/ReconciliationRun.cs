using System.Diagnostics;
using CityCard.Contracts;
using CityCard.Domain.Reconciliation;
using CityCard.Grains.Clearing;

namespace CityCard.Grains.Reconciliation;

/// <summary>
/// One reconciliation in progress: the live snapshot it compares against, the pure rebuild, and the rebuilt copy's
/// store. Advanced a slice at a time: read a batch of events with their chain links, check each link (a break is a
/// finding naming the card and the event), rebuild, commit the changes to the rebuilt tables; after the last event,
/// compare the two copies and produce the report.
/// </summary>
internal sealed class ReconciliationRun(
    string runId,
    DateTimeOffset startedAt,
    LedgerSnapshot live,
    LedgerRebuild rebuild,
    IClearingStore rebuilt,
    long rebuiltVersion,
    ReconciliationService service)
{
    private long position;
    private long version = rebuiltVersion;

    public string RunId => runId;

    public long EventsRead { get; private set; }

    /// <summary>Events whose chain link does not check, as read.</summary>
    public List<ChainFinding> ChainBreaks { get; } = [];

    public ReconciliationReport? Report { get; private set; }

    public string? Error { get; set; }

    public bool Finished => Report is not null || Error is not null;

    public ReconciliationProgress Progress => new(
        runId,
        Error is not null ? ReconciliationPhase.Failed : Report is not null ? ReconciliationPhase.Done : ReconciliationPhase.Rebuilding,
        EventsRead,
        live.Events,
        startedAt,
        Report,
        Error);

    /// <summary>Works until <paramref name="budget"/> is spent or the run is done.</summary>
    public async Task AdvanceAsync(TimeSpan budget, int batch, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (!Finished && Stopwatch.GetElapsedTime(started) < budget)
        {
            var events = position >= live.Checkpoint.Position ? [] : await service.Feed.ReadStoredAsync(position, batch, cancellationToken);
            var upToCheckpoint = events.TakeWhile(e => e.Sequence <= live.Checkpoint.Position).ToList();
            if (upToCheckpoint.Count > 0)
            {
                foreach (var e in upToCheckpoint)
                {
                    if (e.CheckLink() is { } broken)
                    {
                        ChainBreaks.Add(new ChainFinding(e.Card, e.Sequence, e.Version, e.EventType, broken.OperationId, broken.Kind, live.Checkpoint.Held.Contains(e.Sequence)));
                    }
                }

                // An event that cannot be read cannot be rebuilt: if the live ledger posted it, the comparison shows what is missing.
                await CommitAsync(rebuild.Feed([.. upToCheckpoint.Where(e => e.Event is not null).Select(e => e.Recorded)]), cancellationToken);
                position = upToCheckpoint[^1].Sequence;
                EventsRead += upToCheckpoint.Count;
            }

            if (upToCheckpoint.Count < events.Count || events.Count < batch)
            {
                await CommitAsync(rebuild.Finish(), cancellationToken);
                Report = await service.CompareAsync(runId, startedAt, live, rebuild, EventsRead, ChainBreaks, cancellationToken);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Domain.Projection.ClearingChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            version = await rebuilt.CommitAsync(new ClearingCommit(version, change, null, service.Now), cancellationToken);
        }
    }
}
