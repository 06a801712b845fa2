using System.Diagnostics;
using CityCard.Contracts;
using CityCard.Domain.Projection;
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
    private (long From, int Batch, Task<CheckedBatch> Task)? ahead;

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

    /// <summary>
    /// Works until <paramref name="budget"/> is spent or the run is done. The next batch is read, and its chain links
    /// checked, while this one is rebuilt and committed: where it starts does not depend on the commit. It is kept for
    /// the next slice if this one ends first.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan budget, int batch, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (!Finished && Stopwatch.GetElapsedTime(started) < budget)
        {
            var (events, upToCheckpoint, breaks) = await ReadAsync(position, batch, cancellationToken);
            var finishing = upToCheckpoint.Count < events.Count || events.Count < batch;
            if (!finishing)
            {
                ahead = (upToCheckpoint[^1].Sequence, batch, Task.Run(() => ReadCheckedAsync(upToCheckpoint[^1].Sequence, batch, cancellationToken), cancellationToken));
            }

            if (upToCheckpoint.Count > 0)
            {
                ChainBreaks.AddRange(breaks);

                // An event that cannot be read cannot be rebuilt: if the live ledger posted it, the comparison shows what is missing.
                await CommitAsync(rebuild.Feed([.. upToCheckpoint.Where(e => e.Event is not null).Select(e => e.Recorded)]), cancellationToken);
                position = upToCheckpoint[^1].Sequence;
                EventsRead += upToCheckpoint.Count;
            }

            if (finishing)
            {
                await CommitAsync(rebuild.Finish(), cancellationToken);
                Report = await service.CompareAsync(runId, startedAt, live, rebuild, EventsRead, ChainBreaks, cancellationToken);
            }
        }
    }

    /// <summary>The batch after <paramref name="from"/>: the one read ahead if it starts there, else read now.</summary>
    private Task<CheckedBatch> ReadAsync(long from, int batch, CancellationToken cancellationToken)
    {
        if (ahead is { } read && read.From == from && read.Batch == batch)
        {
            ahead = null;
            return read.Task;
        }

        ahead = null;
        return ReadCheckedAsync(from, batch, cancellationToken);
    }

    /// <summary>Events after <paramref name="from"/>, those the live checkpoint covers, and the links among them that do not check.</summary>
    private async Task<CheckedBatch> ReadCheckedAsync(long from, int batch, CancellationToken cancellationToken)
    {
        var events = from >= live.Checkpoint.Position ? [] : await service.Feed.ReadStoredAsync(from, batch, cancellationToken);
        var upToCheckpoint = events.TakeWhile(e => e.Sequence <= live.Checkpoint.Position).ToList();
        var breaks = new List<ChainFinding>();
        foreach (var e in upToCheckpoint)
        {
            if (e.CheckLink() is { } broken)
            {
                breaks.Add(new ChainFinding(e.Card, e.Sequence, e.Version, e.EventType, broken.OperationId, broken.Kind, live.Checkpoint.Held.Contains(e.Sequence)));
            }
        }

        return new CheckedBatch(events, upToCheckpoint, breaks);
    }

    private sealed record CheckedBatch(IReadOnlyList<StoredCardEvent> Events, List<StoredCardEvent> UpToCheckpoint, List<ChainFinding> Breaks);

    private async Task CommitAsync(IReadOnlyList<Domain.Projection.ClearingChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            version = await rebuilt.CommitAsync(new ClearingCommit(version, change, null, service.Now), cancellationToken);
        }
    }
}
