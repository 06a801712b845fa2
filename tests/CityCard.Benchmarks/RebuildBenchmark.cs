using System.Globalization;
using CityCard.Contracts;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;
using CityCard.Grains.Clearing;
using CityCard.Grains.Reconciliation;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using static CityCard.Benchmarks.ProjectionBenchmark;

namespace CityCard.Benchmarks;

/// <summary>
/// How fast every city's ledger is rebuilt from the event log and reconciled with the live one. The projection
/// benchmark's 40,000 events are written and projected live, and their window closed and settled. Baseline, in the
/// same run: reading and deserialising the events, posting nothing. Measured: a whole reconciliation run (the live
/// snapshot, fresh rebuilt tables, the rebuild through the same posting and window code with every batch committed,
/// the comparison of both copies and of the cards' money with the float accounts). Median of three runs each.
/// </summary>
public static class RebuildBenchmark
{
    private const int Repetitions = 3;

    public static async Task RunAsync(string serverConnectionString, TextWriter output)
    {
        var connectionString = await Databases.CreateFreshAsync(serverConnectionString, "rebuild");
        var options = Options.Create(new CardStoreOptions());
        using var store = DocumentStore.For(o => MartenSetup.Configure(o, connectionString, options.Value));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var events = await WriteHistoryAsync(new MartenCardEventStore(store, options));
        var feed = new CardEventFeed(store, options);
        var clearing = new PostgresClearingStore(store, options);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await ProjectAllAsync(feed, clearing, events);
        var projection = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await CloseAndSettleAsync(feed, clearing);

        var service = new ReconciliationService(
            store, feed, TimeProvider.System, options,
            Options.Create(new ClearingOptions { AutoCloseAfter = null }),
            Options.Create(new ReconciliationOptions { TickPeriod = null }));
        var baseline = await MedianAsync(() => ReadAllAsync(feed, events));
        ReconciliationReport? last = null;
        var run = 0;
        var rebuild = await MedianAsync(async () => last = await service.ReconcileAsync($"bench-{++run}"));

        if (last is not { Matches: true } report || report.EventsRebuilt != events)
        {
            throw new InvalidOperationException($"The rebuild did not match: {last?.DifferenceCount} differences, {last?.EventsRebuilt} events rebuilt of {events}.");
        }

        output.WriteLine($"Rebuild and reconcile of {events:N0} card events ({report.Cards:N0} cards, one window closed and settled), median of {Repetitions} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        output.WriteLine($"  {"baseline: read and deserialise only",-48} {Ms(baseline),9} ms {Rate(events, baseline),9} events/s   1.00x");
        output.WriteLine($"  {"live projection (once, for reference)",-48} {Ms(projection),9} ms {Rate(events, projection),9} events/s   {Ratio(baseline, projection)}x of baseline");
        output.WriteLine($"  {"rebuild + reconcile (snapshot, rebuild, compare)",-48} {Ms(rebuild),9} ms {Rate(events, rebuild),9} events/s   {Ratio(baseline, rebuild)}x of baseline");
        output.WriteLine($"  matches: {report.Matches}, {report.DifferenceCount} differences, floats checked for {report.Floats.Count / 3} cities");
    }

    /// <summary>The day's window closed and the bank's confirmation recorded, so the rebuild replays a window's life too.</summary>
    internal static async Task CloseAndSettleAsync(CardEventFeed feed, PostgresClearingStore clearing)
    {
        var policy = ClearingPolicy.Default with { AutoCloseAfter = null };
        var (state, version) = await clearing.LoadAsync();
        var day = state.Book.Windows.Keys.Single();
        var now = policy.Calendar.EndOf(day).AddMinutes(1);
        var close = (CommandOutcome.Accepted)WindowCommands.Close(state, new CloseWindowRequest("bench-close", day), now, await feed.HighWaterAsync(), policy);
        version = await clearing.CommitAsync(new ClearingCommit(version, close.Change, null, now));
        var cycle = ProjectionStep.Run(close.Change.State, await feed.ReadCycleAsync(close.Change.State.Checkpoint, 2_000), policy, now);
        version = await clearing.CommitAsync(new ClearingCommit(version, cycle, null, now));
        var settle = (CommandOutcome.Accepted)WindowCommands.Confirm(cycle.State, cycle.State.Book.Find(day), new ConfirmSettlementRequest("bench-settle", day, "BANK-BENCH"), now, policy);
        await clearing.CommitAsync(new ClearingCommit(version, settle.Change, null, now));
    }

    private static string Ratio(TimeSpan baseline, TimeSpan measured) => (baseline / measured).ToString("F2", CultureInfo.InvariantCulture);
}
