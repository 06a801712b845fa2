using System.Diagnostics;
using System.Globalization;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Benchmarks;

/// <summary>
/// How fast the clearing house turns card events into postings. 40,000 events (4,000 cards of four cities, each
/// issued, topped up twice, charged six times at home and away, one charge reversed) are written first. Baseline:
/// reading and deserialising them in the projection's batches, posting nothing. Measured: the whole projection cycle
/// the grain runs (read, pure posting, one transaction of postings, movement sums, windows and checkpoint), from an
/// empty ledger to the end, each cycle's commit overlapped with the next cycle's read as the grain does. Median of three
/// runs each after one uncounted run of each; the ledger tables are emptied before every projection run, untimed.
/// </summary>
public static class ProjectionBenchmark
{
    private const int CardsPerCity = 1_000;
    private const int Batch = ClearingLimits.DefaultBatchEvents;
    private const int Repetitions = 3;

    public static async Task RunAsync(string serverConnectionString, TextWriter output)
    {
        var connectionString = await Databases.CreateFreshAsync(serverConnectionString, "proj");
        var options = Options.Create(new CardStoreOptions());
        using var store = DocumentStore.For(o => MartenSetup.Configure(o, connectionString, options.Value));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var events = await WriteHistoryAsync(new MartenCardEventStore(store, options));

        var feed = new CardEventFeed(store, options);
        var clearing = new PostgresClearingStore(store, options);
        // The ledger is emptied before each run outside the timing: a truncate's unlinks and fsyncs are no part of
        // projecting. One run of each first, not counted, so that neither median holds the JIT's first pass.
        await ReadAllAsync(feed, events);
        await EmptyLedgerAsync(connectionString);
        await ProjectAllAsync(feed, clearing, events);
        var baseline = await MedianAsync(() => ReadAllAsync(feed, events));
        var projection = await MedianAsync(() => ProjectAllAsync(feed, clearing, events), () => EmptyLedgerAsync(connectionString));
        var (lines, ceiling) = await WritingTheLinesInsidePostgresAsync(connectionString);

        output.WriteLine($"Projection of {events:N0} card events ({CardsPerCity * 4:N0} cards), batches of {Batch:N0}, median of {Repetitions} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        output.WriteLine($"  {"baseline: read and deserialise only",-44} {Ms(baseline),9} ms {Rate(events, baseline),9} events/s   1.00x");
        output.WriteLine($"  {"projection: post and commit with checkpoint",-44} {Ms(projection),9} ms {Rate(events, projection),9} events/s   {(baseline / projection).ToString("F2", CultureInfo.InvariantCulture)}x of baseline");
        output.WriteLine($"  last projection run: waiting on reads {Ms(LastPhases.ReadWait)} ms, posting (pure) {Ms(LastPhases.Step)} ms, committing {Ms(LastPhases.Commit)} ms");
        output.WriteLine($"  {"ceiling: PostgreSQL writes the same lines",-44} {Ms(ceiling),9} ms {Rate(events, ceiling),9} events/s   {(baseline / ceiling).ToString("F2", CultureInfo.InvariantCulture)}x of baseline ({lines:N0} posting lines, {(lines / ceiling.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} lines/s; projection {(ceiling / projection).ToString("F2", CultureInfo.InvariantCulture)}x of it)");
    }

    /// <summary>
    /// The floor under any projection of these events: PostgreSQL alone writing the posting lines the last run made (one
    /// insert … select into a table like the ledger's, same key, one durable commit), with no client, no network and no
    /// posting. Median of three; the table is emptied untimed before each.
    /// </summary>
    private static async Task<(long Lines, TimeSpan Elapsed)> WritingTheLinesInsidePostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var postings = $"citycard.{ClearingSchema.Postings}";
        await Execute(connection, $"create table citycard.bench_postings_ceiling (like {postings} including all)");
        var lines = await Execute(connection, $"insert into citycard.bench_postings_ceiling select * from {postings}");
        var elapsed = await MedianAsync(
            () => Execute(connection, $"insert into citycard.bench_postings_ceiling select * from {postings}"),
            () => Execute(connection, "truncate citycard.bench_postings_ceiling"));
        await Execute(connection, "drop table citycard.bench_postings_ceiling");
        return (lines, elapsed);
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    internal static async Task ReadAllAsync(CardEventFeed feed, long expected)
    {
        long position = 0, read = 0;
        while (await feed.ReadAsync(position, Batch) is { Count: > 0 } batch)
        {
            read += batch.Count;
            position = batch[^1].Sequence;
        }

        Check(read, expected, "read");
    }

    /// <summary>Where the last <see cref="ProjectAllAsync"/> spent its time: waiting on a read, posting (pure), committing.</summary>
    internal static (TimeSpan ReadWait, TimeSpan Step, TimeSpan Commit) LastPhases { get; private set; }

    internal static async Task ProjectAllAsync(CardEventFeed feed, PostgresClearingStore clearing, long expected)
    {
        var (state, version) = await clearing.LoadAsync();
        var policy = ClearingPolicy.Default with { AutoCloseAfter = null };
        long projected = 0;
        LastPhases = default;
        await using var reads = new CycleReadAhead(feed, Batch);
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var t0 = Stopwatch.GetTimestamp();
            var read = await reads.ReadAsync(state.Checkpoint);
            var t1 = Stopwatch.GetTimestamp();
            var change = ProjectionStep.Run(state, read, policy, now);
            var t2 = Stopwatch.GetTimestamp();
            if (!change.CaughtUp)
            {
                // As the grain does: the next cycle is read while this one commits.
                reads.Start(change.State.Checkpoint);
            }

            version = await clearing.CommitAsync(new ClearingCommit(version, change, null, now));
            var t3 = Stopwatch.GetTimestamp();
            LastPhases = (LastPhases.ReadWait + Stopwatch.GetElapsedTime(t0, t1), LastPhases.Step + Stopwatch.GetElapsedTime(t1, t2), LastPhases.Commit + Stopwatch.GetElapsedTime(t2, t3));
            state = change.State;
            projected += change.EventsProjected;
            if (change.CaughtUp)
            {
                break;
            }
        }

        Check(projected, expected, "projected");
    }

    /// <summary>Writes the cards' histories through the real adapter, eight cards at a time; returns the number of events.</summary>
    internal static async Task<long> WriteHistoryAsync(MartenCardEventStore writer)
    {
        var day = new DateTimeOffset(2026, 11, 26, 7, 0, 0, ChinaTime.Offset);
        var cards = Cities.All.SelectMany(city => Enumerable.Range(1, CardsPerCity).Select(i => CardNumber.Create(city, i))).ToList();
        long written = 0;
        using var parallel = new SemaphoreSlim(8);
        await Task.WhenAll(cards.Select(async (card, i) =>
        {
            await parallel.WaitAsync();
            try
            {
                var events = History(card, i, day);
                var result = await writer.AppendAsync(CardAppend.Of(CardState.Initial(card), events));
                if (result.Outcome != AppendOutcome.Appended)
                {
                    throw new InvalidOperationException($"Could not write {card}: {result.Outcome}.");
                }

                Interlocked.Add(ref written, events.Count);
            }
            finally
            {
                parallel.Release();
            }
        }));
        return written;
    }

    private static List<CardEvent> History(CardNumber card, int i, DateTimeOffset day)
    {
        City Away(int k) => Cities.All[(i + k) % 4];
        var at = day.AddSeconds(i);
        var events = new List<CardEvent>
        {
            new CardIssued("issue", at, card, card.Issuer, ProductCode.Standard, Money.FromYuan(20)),
            new CardToppedUp("top-up-1", at, Money.FromYuan(100), card.Issuer, TopUpChannel.Kiosk),
            new CardToppedUp("top-up-2", at, Money.FromYuan(50), Away(1), TopUpChannel.Online),
        };
        for (var t = 0; t < 6; t++)
        {
            var acquirer = t % 2 == 0 ? card.Issuer : Away(t);
            var category = (Category)(1 + ((i + t) % 12));
            events.Add(new CardCharged($"tap-{t}", at.AddMinutes(t), Money.FromFen(200 + t), new TapDetails(acquirer, $"{acquirer}-M{(i + t) % 50}", category, "T-1", t, at.AddMinutes(t))));
        }

        var first = (CardCharged)events[3];
        events.Add(new ChargeReversed("reverse", at.AddHours(1), "tap-0", Money.FromFen(50), first.Tap.AcquirerCity, first.Tap.Category, first.Tap.MerchantId, "Overcharged"));
        return events;
    }

    private static async Task EmptyLedgerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"truncate citycard.{ClearingSchema.Postings}, citycard.{ClearingSchema.Movements}, citycard.{ClearingSchema.Windows}, citycard.{ClearingSchema.Checkpoint}", connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<TimeSpan> MedianAsync(Func<Task> run, Func<Task>? before = null)
    {
        var samples = new List<TimeSpan>();
        for (var i = 0; i < Repetitions; i++)
        {
            if (before is not null)
            {
                await before();
            }

            var started = Stopwatch.GetTimestamp();
            await run();
            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static void Check(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what} {actual} events, expected {expected}.");
        }
    }

    internal static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);

    internal static string Rate(long events, TimeSpan t) => (events / t.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
}
