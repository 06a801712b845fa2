using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Grains;
using CityCard.Grains.Cards;
using CityCard.Grains.Clearing;
using CityCard.Grains.Reconciliation;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.TestingHost;
using static CityCard.Benchmarks.ProjectionBenchmark;

namespace CityCard.Benchmarks;

/// <summary>
/// The region at scale on this machine, in one run (issue 9): bulk issuance of <c>--cards</c> cards (default 1M), a
/// morning rush in which every card taps once from cold, saturation taps/s beside its two baselines (one transaction per
/// append; the raw commit ceiling of PostgreSQL), latency at a fixed offered rate of 2,000 taps/s, silo memory per
/// active card, closing the window that holds the run's events, and a full rebuild + reconcile beside reading the
/// events alone. Prints a table and writes artifacts/bench/region.json.
/// </summary>
public static class RegionBenchmark
{
    public const int DefaultCards = 1_000_000;
    private const int RushParallel = 128;
    private const int OfferedRate = 2_000;
    private const int OfferedSeconds = 10;
    private const int RawClients = 16;
    private static readonly TimeSpan RawDuration = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The whole region; with <paramref name="only"/> <c>issue</c> bulk issuance alone (region-issue.json), with <c>rush</c>
    /// bulk issuance, the morning rush and the memory it leaves (region-rush.json), with <c>latency</c> those and the
    /// latency at 2,000 taps/s offered, with what the collector and PostgreSQL did meanwhile (region-latency.json).
    /// </summary>
    public static async Task RunAsync(string server, int cards, TextWriter output, string? only = null)
    {
        var issueOnly = only == "issue";
        var results = new Dictionary<string, object?> { ["cards"] = cards };
        var connectionString = await Databases.CreateFreshAsync(server, "region");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(host =>
        {
            host.Services.AddCityCardGrains(connectionString);

            // CITYCARD_BENCH_DIRECTORY_CACHE tries another size of the silo's grain-directory cache than Orleans' default.
            if (Setting("CITYCARD_BENCH_DIRECTORY_CACHE", 0) is > 0 and var cacheSize)
            {
                host.Services.Configure<Orleans.Configuration.GrainDirectoryOptions>(o => o.CacheSize = cacheSize);
            }
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var services = cluster.GetSiloServiceProvider();
        var store = services.GetRequiredService<IDocumentStore>();

        Phase("issue");
        // 1. Bulk issuance: one batch per city, through the same code the issue-batch grain runs.
        // CITYCARD_BENCH_ISSUE_WRITERS and CITYCARD_BENCH_ISSUE_CHUNK try other settings than the issuer's defaults.
        var issuer = new BulkIssuer(
            services.GetRequiredService<BulkIssueWriter>(), services.GetRequiredService<Domain.Policies.PolicySet>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BulkIssuer>>())
        {
            WritesInFlight = Setting("CITYCARD_BENCH_ISSUE_WRITERS", BulkIssuer.DefaultWritesInFlight),
            ChunkSize = Setting("CITYCARD_BENCH_ISSUE_CHUNK", BulkIssuer.DefaultChunkSize),
        };
        var perCity = Cities.All.Select((city, i) => (city, count: cards / 4 + (i < cards % 4 ? 1 : 0))).ToList();
        var started = Stopwatch.GetTimestamp();
        foreach (var (city, count) in perCity)
        {
            var batch = new IssueBatchRequest($"bench-{city}", city, ProductCode.Standard, IssueChannel.Factory, [new CardSerialRange(1, count)]);
            await issuer.BeginAsync(batch);
            var done = await issuer.RunAsync(batch);
            if (done.Issued != count)
            {
                throw new InvalidOperationException($"Issued {done.Issued} of {count} {city} cards.");
            }
        }

        var issueTime = Stopwatch.GetElapsedTime(started);
        results["issue_cards_per_s"] = cards / issueTime.TotalSeconds;
        if (issueOnly)
        {
            Phase("done");
            output.WriteLine($"Bulk issuance alone: {cards:N0} cards, durable PostgreSQL ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
            output.WriteLine($"  {"bulk issuance",-52} {results["issue_cards_per_s"],12:N0} cards/s  ({issueTime.TotalSeconds:F1} s)");
            await WriteResultsAsync(output, results, "region-issue.json");
            return;
        }

        var numbers = perCity.SelectMany(p => Enumerable.Range(1, p.count).Select(serial => CardNumber.Create(p.city, serial))).ToList();

        Phase("rush");
        // 2. The morning rush: every card taps once, each activated cold from its stream.
        var rssBefore = SettledRss();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var grains = new CardsClient(cluster.Client);
        var latencies = new ConcurrentBag<double>();
        var accepted = 0;
        started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = RushParallel }, async (card, _) =>
        {
            var t = Stopwatch.GetTimestamp();
            var result = await grains.ChargeAsync(card, Tap(card, 0));
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (result.IsAccepted)
            {
                Interlocked.Increment(ref accepted);
            }
        });
        var rushTime = Stopwatch.GetElapsedTime(started);
        results["rush_taps_per_s"] = cards / rushTime.TotalSeconds;
        results["rush_p99_ms"] = Percentile(latencies, 0.99);

        Phase("memory");
        // 3. Memory: the silo's RSS after a full GC with every card active (the silo shares this process with the client).
        var active = await ActiveCardsAsync(cluster);
        var rssAfter = SettledRss();
        results["active_cards"] = active;
        results["rss_bytes_per_active_card"] = active > 0 ? (double)(rssAfter - rssBefore) / active : null;
        var heapPerCard = active > 0 ? (double)(GC.GetTotalMemory(forceFullCollection: false) - heapBefore) / active : 0;
        results["heap_bytes_per_active_card"] = active > 0 ? heapPerCard : null;

        // On standard error at once, so a profiling run can stop here (docs/operations/benchmarks.md, issue 9 third round).
        Console.Error.WriteLine($"region: memory: {active} active cards, {(active > 0 ? (double)(rssAfter - rssBefore) / active : 0):F0} B RSS and {heapPerCard:F0} B managed heap each");
        if (only == "rush")
        {
            Phase("done");
            results["gc"] = GcMode();
            results["gc_settings"] = GC.GetConfigurationVariables();
            output.WriteLine($"Bulk issuance, morning rush and memory: {cards:N0} cards, durable PostgreSQL ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GcMode()})");
            output.WriteLine($"  {"bulk issuance",-52} {results["issue_cards_per_s"],12:N0} cards/s  ({issueTime.TotalSeconds:F1} s)");
            output.WriteLine($"  {"morning rush: every card taps once, cold",-52} {results["rush_taps_per_s"],12:N0} taps/s   p99 {results["rush_p99_ms"]:F1} ms ({rushTime.TotalSeconds:F1} s, {accepted:N0} accepted)");
            output.WriteLine($"  {"active card grains",-52} {active,12:N0}          {results["rss_bytes_per_active_card"]:N0} bytes RSS each ({heapPerCard:N0} managed heap)");
            await WriteResultsAsync(output, results, "region-rush.json");
            return;
        }

        Phase("latency");
        // 4. Latency at a fixed offered rate, on the now active cards (open loop: late starts count against us).
        // What the collector and PostgreSQL did meanwhile goes to standard error and the results (not measured by them).
        using var collections = new GcPauses();
        var serverBefore = await PostgresActivity.ReadAsync(connectionString);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        collections.Start();
        var offered = await OfferedLoadAsync(grains, numbers);
        var pauses = collections.Stop();
        var allocatedPerTap = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / (double)offered.Count;
        var serverAfter = await PostgresActivity.ReadAsync(connectionString);
        results["p50_ms_at_2000"] = Percentile(offered, 0.50);
        results["p99_ms_at_2000"] = Percentile(offered, 0.99);
        results["p999_ms_at_2000"] = Percentile(offered, 0.999);
        results["latency_gc_pauses"] = pauses.Count;
        results["latency_gc_pause_ms"] = pauses.Sum(p => p.PauseMs);
        results["latency_gc_max_pause_ms"] = pauses.Count > 0 ? pauses.Max(p => p.PauseMs) : 0;
        results["latency_allocated_bytes_per_tap"] = allocatedPerTap;
        var during = $"{allocatedPerTap / 1024:N1} KB allocated a tap (silo and client); GC {GcPauses.Describe(pauses)}; PostgreSQL {PostgresActivity.Describe(serverBefore, serverAfter)}";
        if (collections.TopAllocations(25) is { Length: > 0 } allocations)
        {
            Console.Error.WriteLine($"region: latency: allocated, sampled: {allocations}");
        }

        Console.Error.WriteLine($"region: latency: p50 {results["p50_ms_at_2000"]:F1} ms, p99 {results["p99_ms_at_2000"]:F1} ms, p99.9 {results["p999_ms_at_2000"]:F1} ms; {during}");
        if (only == "latency")
        {
            Phase("done");
            results["gc"] = GcMode();
            output.WriteLine($"Bulk issuance, morning rush, memory and latency: {cards:N0} cards, durable PostgreSQL ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GcMode()})");
            output.WriteLine($"  {"morning rush: every card taps once, cold",-52} {results["rush_taps_per_s"],12:N0} taps/s   p99 {results["rush_p99_ms"]:F1} ms ({rushTime.TotalSeconds:F1} s)");
            output.WriteLine($"  {"active card grains",-52} {active,12:N0}          {results["rss_bytes_per_active_card"]:N0} bytes RSS each");
            output.WriteLine($"  {"latency at 2,000 taps/s offered",-52} p50 {results["p50_ms_at_2000"]:F1} ms, p99 {results["p99_ms_at_2000"]:F1} ms, p99.9 {results["p999_ms_at_2000"]:F1} ms");
            output.WriteLine($"  meanwhile: {during}");
            await WriteResultsAsync(output, results, "region-latency.json");
            return;
        }

        Phase("projection");
        // 5. Closing the window that holds the run's events, after the clearing house has projected them.
        var options = Options.Create(new CardStoreOptions());
        var feed = new CardEventFeed(store, options);
        var clearing = new PostgresClearingStore(store, options);
        var events = await CountEventsAsync(connectionString);
        started = Stopwatch.GetTimestamp();
        await ProjectAllAsync(feed, clearing, events);
        var projection = Stopwatch.GetElapsedTime(started);
        Phase("window-close");
        started = Stopwatch.GetTimestamp();
        await RebuildBenchmark.CloseAndSettleAsync(feed, clearing);
        results["window_events"] = events;
        results["window_close_s"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        results["projection_events_per_s"] = events / projection.TotalSeconds;

        // 6. A full rebuild + reconcile, beside reading the events alone (once each: at 1M cards a median of three is an hour).
        Phase("read");
        started = Stopwatch.GetTimestamp();
        await ReadAllAsync(feed, events);
        var read = Stopwatch.GetElapsedTime(started);
        Phase("rebuild");
        var reconciliation = new ReconciliationService(store, feed, TimeProvider.System, options,
            Options.Create(new ClearingOptions { AutoCloseAfter = null }), Options.Create(new ReconciliationOptions { TickPeriod = null }));
        started = Stopwatch.GetTimestamp();
        var report = await reconciliation.ReconcileAsync("bench-region");
        var rebuild = Stopwatch.GetElapsedTime(started);
        if (!report.Matches || report.EventsRebuilt != events)
        {
            throw new InvalidOperationException($"The rebuild did not match: {report.DifferenceCount} differences, {report.EventsRebuilt} of {events} events.");
        }

        results["read_events_per_s"] = events / read.TotalSeconds;
        results["rebuild_events_per_s"] = events / rebuild.TotalSeconds;
        await cluster.StopAllSilosAsync();

        // 6b. Memory stays bounded when more distinct cards tap in a day than stay active: the cards tap again in four
        // waves on a silo that collects idle grains after a few seconds; the last wave should hold what the first did.
        Phase("bounded-memory");
        var day = await BoundedMemoryBenchmark.MeasureAsync(connectionString, numbers);
        results["bounded_cards_per_wave"] = (cards + BoundedMemoryBenchmark.Waves - 1) / BoundedMemoryBenchmark.Waves;
        results["bounded_active_after_first_wave"] = day.ActiveAfterFirst;
        results["bounded_active_after_last_wave"] = day.ActiveAfterLast;
        results["bounded_heap_growth_last_over_first"] = (double)(day.HeapAfterLast - day.HeapBefore) / Math.Max(1, day.HeapAfterFirst - day.HeapBefore);
        results["bounded_rss_bytes_after_first_wave"] = day.RssAfterFirst;
        results["bounded_rss_bytes_after_last_wave"] = day.RssAfterLast;

        // 7. Saturation taps/s through grains with group commit, beside one transaction per append, and the raw commit ceiling.
        Phase("saturation-group-commit");
        results["taps_per_s"] = await TapThroughputBenchmark.MeasureAsync(server, groupCommit: true);
        Phase("saturation-one-writer");
        results["taps_per_s_one_writer"] = await TapThroughputBenchmark.MeasureAsync(server, groupCommit: true, writers: 1);
        Phase("saturation-one-tx");
        results["taps_per_s_one_tx"] = await TapThroughputBenchmark.MeasureAsync(server, groupCommit: false);
        Phase("raw-commits");
        results["raw_commits_per_s"] = await RawCommitsAsync(server);

        Phase("gateway");
        // 8. The same workload through a gateway's batch upload path over real HTTP, beside the grain path from the same
        // process through the gateway's cluster client (the real silo host and gateway, as the HTTP tests host them).
        var (viaClient, viaBatches) = await GatewayBatchBenchmark.MeasureAsync(server);
        results["gateway_grain_taps_per_s"] = viaClient;
        results["gateway_batch_taps_per_s"] = viaBatches;

        Phase("done");
        Print(output, results, accepted, issueTime, rushTime);
        await WriteResultsAsync(output, results, "region.json");
    }

    private static async Task WriteResultsAsync(TextWriter output, Dictionary<string, object?> results, string name)
    {
        Directory.CreateDirectory(Path.Combine("artifacts", "bench"));
        var path = Path.Combine("artifacts", "bench", name);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, Indented));
        output.WriteLine($"  written to {path}");
    }

    /// <summary>The garbage collector this process runs, as the memory figures depend on it (docs/decisions/0077).</summary>
    internal static string GcMode()
    {
        var settings = GC.GetConfigurationVariables();
        string Get(string key) => settings.TryGetValue(key, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : "-";
        return $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC ({System.Runtime.GCSettings.LatencyMode}), " +
            $"heaps {Get("HeapCount")}, DATAS {Get("GCDynamicAdaptationMode")}, conserve memory {Get("GCConserveMem")}, heap hard limit {Get("GCHeapHardLimit")}";
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>Where the run is, on standard error: a long run shows progress, and a profiler can be attached to one phase.</summary>
    private static void Phase(string name) =>
        Console.Error.WriteLine($"region: {name} at {DateTime.UtcNow:HH:mm:ss} (pid {Environment.ProcessId})");

    private static ChargeRequest Tap(CardNumber card, int n) =>
        new($"rush-{card}-{n}", Money.FromFen(100), City.LZ, "LZ-SHOP", Category.Retail, "LZS-1", n, DateTimeOffset.UtcNow);

    private static async Task<List<double>> OfferedLoadAsync(CardsClient grains, List<CardNumber> cards)
    {
        var total = OfferedRate * OfferedSeconds;
        var latencies = new ConcurrentBag<double>();
        var calls = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / OfferedRate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var card = cards[i % cards.Count];
            var n = 1 + (i / cards.Count);
            calls.Add(Task.Run(async () =>
            {
                await grains.ChargeAsync(card, Tap(card, n));
                latencies.Add((clock.Elapsed - due).TotalMilliseconds);
            }));
        }

        await Task.WhenAll(calls);
        return [.. latencies];
    }

    /// <summary>One single-row insert per commit from 16 connections: the most commits PostgreSQL makes here.</summary>
    private static async Task<double> RawCommitsAsync(string server)
    {
        var connectionString = await Databases.CreateFreshAsync(server, "raw");
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("create table raw_commits (id bigserial primary key, card text not null, at timestamptz not null default now())", setup);
            await create.ExecuteNonQueryAsync();
        }

        long commits = 0;
        var until = Stopwatch.GetTimestamp() + (long)(RawDuration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, RawClients).Select(async client =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("insert into raw_commits (card) values ($1)", connection) { Parameters = { new() { Value = $"ZG{client}" } } };
            while (Stopwatch.GetTimestamp() < until)
            {
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref commits);
            }
        }));
        return commits / RawDuration.TotalSeconds;
    }

    private static Task<long> ActiveCardsAsync(InProcessTestCluster cluster) => ActiveCardsAsync(cluster.Client);

    /// <summary>Card grains active in the cluster, as its management grain counts them.</summary>
    internal static async Task<long> ActiveCardsAsync(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("CardGrain", StringComparison.Ordinal) && !s.GrainType.Contains("IssueBatch", StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
    }

    private static async Task<long> CountEventsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from citycard.mt_events where stream_id <> '{CardEventFeed.MartenTombstoneStream}'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static long SettledRss()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    private static double Percentile(IEnumerable<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static void Print(TextWriter output, Dictionary<string, object?> r, int accepted, TimeSpan issueTime, TimeSpan rushTime)
    {
        string F(string key, string format = "N0") => r[key] is double d ? d.ToString(format, CultureInfo.InvariantCulture) : r[key] is long l ? l.ToString(format, CultureInfo.InvariantCulture) : r[key] is int n ? n.ToString(format, CultureInfo.InvariantCulture) : "not measured";
        double D(string key) => Convert.ToDouble(r[key], CultureInfo.InvariantCulture);
        output.WriteLine($"Region at scale: {F("cards")} cards, durable PostgreSQL ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        output.WriteLine($"  {"bulk issuance",-52} {F("issue_cards_per_s"),12} cards/s  ({issueTime.TotalSeconds:F1} s)");
        output.WriteLine($"  {"morning rush: every card taps once, cold",-52} {F("rush_taps_per_s"),12} taps/s   p99 {F("rush_p99_ms", "F1")} ms ({rushTime.TotalSeconds:F1} s, {accepted:N0} accepted)");
        output.WriteLine($"  {"saturation through grains, group commit",-52} {F("taps_per_s"),12} taps/s   {D("taps_per_s") / D("taps_per_s_one_tx"):F1}x one tx, {D("taps_per_s") / D("raw_commits_per_s"):F2}x raw ceiling");
        output.WriteLine($"  {"group commit with one writer (before decision 0076)",-52} {F("taps_per_s_one_writer"),12} taps/s   {D("taps_per_s") / D("taps_per_s_one_writer"):F2}x of it with {new CardStoreOptions().GroupCommitWriters} writers");
        output.WriteLine($"  {"baseline: one transaction per append",-52} {F("taps_per_s_one_tx"),12} taps/s");
        output.WriteLine($"  {"baseline: raw commits (16 connections, 1 row each)",-52} {F("raw_commits_per_s"),12} commits/s");
        output.WriteLine($"  {"latency at 2,000 taps/s offered",-52} p50 {F("p50_ms_at_2000", "F1")} ms, p99 {F("p99_ms_at_2000", "F1")} ms, p99.9 {F("p999_ms_at_2000", "F1")} ms");
        output.WriteLine($"  {"gateway batch upload path (HTTP, 16 batches at once)",-52} {F("gateway_batch_taps_per_s"),12} taps/s   {D("gateway_batch_taps_per_s") / D("gateway_grain_taps_per_s"):F2}x grains via the gateway's client, {D("gateway_batch_taps_per_s") / D("taps_per_s"):F2}x grain path");
        output.WriteLine($"  {"baseline: grains through the gateway's cluster client",-52} {F("gateway_grain_taps_per_s"),12} taps/s");
        output.WriteLine($"  {"active card grains",-52} {F("active_cards"),12}          {F("rss_bytes_per_active_card")} bytes RSS each ({F("heap_bytes_per_active_card")} managed heap)");
        output.WriteLine($"  {$"a day of {BoundedMemoryBenchmark.Waves} waves, idle grains collected after {BoundedMemoryBenchmark.CollectionAge.TotalSeconds:N0} s",-52} {F("bounded_active_after_first_wave"),12} active after the first wave, {F("bounded_active_after_last_wave")} after the last; heap growth last/first {F("bounded_heap_growth_last_over_first", "F2")}x; RSS {D("bounded_rss_bytes_after_first_wave") / 1048576:N0} -> {D("bounded_rss_bytes_after_last_wave") / 1048576:N0} MiB");
        output.WriteLine($"  {"projection of the run's events",-52} {F("projection_events_per_s"),12} events/s");
        output.WriteLine($"  {"closing the window",-52} {F("window_events"),12} events   {F("window_close_s", "F2")} s");
        output.WriteLine($"  {"rebuild + reconcile",-52} {F("rebuild_events_per_s"),12} events/s {D("rebuild_events_per_s") / D("read_events_per_s"):F2}x of reading alone");
        output.WriteLine($"  {"baseline: read and deserialise only",-52} {F("read_events_per_s"),12} events/s");
    }
}
