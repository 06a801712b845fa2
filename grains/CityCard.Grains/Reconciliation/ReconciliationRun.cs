using System.Diagnostics;
using CityCard.Contracts;
using CityCard.Domain.Reconciliation;
using CityCard.Grains.Clearing;

namespace CityCard.Grains.Reconciliation;

/// <summary>
/// One reconciliation in progress: the live snapshot it compares against, the pure rebuild, and the rebuilt copy's
/// store. Advanced a slice at a time: read a batch of events, rebuild, commit the changes to the rebuilt tables; after
/// the last event, compare the two copies and produce the report.
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
            var events = position >= live.Checkpoint.Position ? [] : await service.Feed.ReadAsync(position, batch, cancellationToken);
            var upToCheckpoint = events.TakeWhile(e => e.Sequence <= live.Checkpoint.Position).ToList();
            if (upToCheckpoint.Count > 0)
            {
                await CommitAsync(rebuild.Feed(upToCheckpoint), cancellationToken);
                position = upToCheckpoint[^1].Sequence;
                EventsRead += upToCheckpoint.Count;
            }

            if (upToCheckpoint.Count < events.Count || events.Count < batch)
            {
                await CommitAsync(rebuild.Finish(), cancellationToken);
                Report = await service.CompareAsync(runId, startedAt, live, rebuild, EventsRead, cancellationToken);
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
