using CityCard.Contracts;
using CityCard.Domain.Cards;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityCard.Grains.Reconciliation;

/// <summary>
/// The region's reconciliation, one run at a time. A run advances a slice at a time on the grain's timer (so status
/// calls are answered between slices) or on <see cref="Advance"/>; its report is kept in PostgreSQL. A run lives in
/// this activation's memory: if the silo dies, start another (the rebuilt copy is emptied at every start).
/// </summary>
public sealed partial class ReconciliationGrain(
    ReconciliationService service,
    IOptions<ReconciliationOptions> options,
    ILogger<ReconciliationGrain> logger) : Grain, IReconciliationGrain
{
    private readonly ReconciliationOptions settings = options.Value;
    private ReconciliationRun? current;
    private IGrainTimer? timer;

    public async Task<ReconciliationProgress> Start(string runId)
    {
        if (!RequestValidation.IsValidOperationId(runId))
        {
            throw new ArgumentException("A run id is 1 to 64 letters, digits or . _ : -", nameof(runId));
        }

        if (current is { Finished: false } || current?.RunId == runId)
        {
            return current.Progress;
        }

        if (await service.FindAsync(runId) is { } done)
        {
            return new ReconciliationProgress(runId, ReconciliationPhase.Done, done.EventsRead, done.EventsRead, done.StartedAt, done, null);
        }

        current = await service.StartAsync(runId);
        LogStarted(logger, runId, current.Progress.EventsTotal);
        if (settings.TickPeriod is { } every)
        {
            timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(every, every) { Interleave = false, KeepAlive = true });
        }

        return current.Progress;
    }

    public async Task<ReconciliationProgress> Advance()
    {
        if (current is not { Finished: false } run)
        {
            return current?.Progress ?? throw new InvalidOperationException("No reconciliation has been started.");
        }

        try
        {
            await run.AdvanceAsync(settings.SliceBudget, settings.BatchEvents);
        }
        catch (Exception ex)
        {
            // The rebuilt copy is only ever written by a run; a failed one is simply started again.
            run.Error = $"{ex.GetType().Name}: {ex.Message}";
            LogFailed(logger, ex, run.RunId);
        }

        if (run.Finished)
        {
            timer?.Dispose();
            timer = null;
            if (run.Report is { } report)
            {
                LogFinished(logger, run.RunId, report.Matches, report.DifferenceCount, report.EventsRebuilt);
            }
        }

        return run.Progress;
    }

    public async Task<ReconciliationProgress?> Get(string runId)
    {
        if (current?.RunId == runId)
        {
            return current.Progress;
        }

        return await service.FindAsync(runId) is { } done
            ? new ReconciliationProgress(runId, ReconciliationPhase.Done, done.EventsRead, done.EventsRead, done.StartedAt, done, null)
            : null;
    }

    private Task TickAsync(CancellationToken cancellationToken) => Advance();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {Run} started: {Events} events to rebuild")]
    private static partial void LogStarted(ILogger logger, string run, long events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {Run} finished: matches {Matches}, {Differences} differences, {Events} events rebuilt")]
    private static partial void LogFinished(ILogger logger, string run, bool matches, int differences, long events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation {Run} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string run);
}
