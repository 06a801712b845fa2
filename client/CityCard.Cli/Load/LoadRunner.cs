using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Load;

/// <summary>
/// Plays a <see cref="LoadPlan"/> against the four gateways, as the region's desks and terminals would: issue and top
/// up every card at its city's desk, report the lost cards, then send the taps, most as offline batches per terminal
/// and some online; a share of the batches is uploaded twice, as a flaky terminal would, to show duplicates. Each
/// card's taps are dated between its issue and the upload, in the plan's order (a tap never predates its card).
/// </summary>
internal sealed class LoadRunner(GatewayDirectory gateways, int parallelism, int reuploadPercent)
{
    private readonly ConcurrentDictionary<(City City, TapOutcome Outcome), int> tapOutcomes = new();
    private readonly ConcurrentDictionary<City, long> charged = new();
    private readonly ConcurrentDictionary<string, int> problems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> issuedAt = new(StringComparer.Ordinal);

    public async Task<int> RunAsync(LoadPlan plan, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        using (var progress = new ProgressBar("cards", plan.Cards.Count))
        {
            await ForEach(plan.Cards, async (card, token) =>
            {
                var desk = gateways.For(card.Issuer, GatewayDirectory.ServiceDesk);
                Count(await desk.IssueAsync(card.Card, new IssueCardBody { Product = card.Product, Deposit = card.Deposit }, $"load-{plan.Run}-issue-{card.Card}", token));
                issuedAt[card.Card] = DateTimeOffset.UtcNow;
                Count(await desk.TopUpAsync(card.Card, new TopUpBody { Amount = card.TopUp, Channel = TopUpChannel.ServiceDesk }, $"load-{plan.Run}-topup-{card.Card}", token));
                progress.Advance();
            }, ct);
        }

        foreach (var lost in plan.LostCards)
        {
            Count(await gateways.For(lost.Issuer, GatewayDirectory.ServiceDesk).BlockAsync(lost.Value, new BlockCardBody { Reason = BlockReason.Lost }, $"load-{plan.Run}-lost-{lost}", ct));
        }

        var uploadAt = DateTimeOffset.UtcNow;
        var taps = plan.Taps.Select(t => t.Within(plan.DayStart, plan.DayEnd, issuedAt[t.Card], uploadAt)).ToList();
        var batches = taps.Where(t => !t.Online)
            .GroupBy(t => (t.Acquirer, t.Terminal))
            .SelectMany(g => g.Chunk(UploadCommand.RecordsPerBatch).Select(chunk => (g.Key.Acquirer, Taps: chunk)))
            .ToList();
        var online = taps.Where(t => t.Online).ToList();
        var random = new Random(plan.Seed);
        var again = batches.Where(_ => random.Next(100) < reuploadPercent).ToList();
        var totalTaps = plan.Taps.Count + again.Sum(b => b.Taps.Length);

        using (var progress = new ProgressBar("taps", totalTaps))
        {
            await ForEach(batches.Concat(again).ToList(), async (batch, token) =>
            {
                var result = await gateways.For(batch.Acquirer, GatewayDirectory.Terminal).UploadTapsAsync(JsonLines(batch.Taps), "application/x-ndjson", token);
                if (result.Value is { } response)
                {
                    foreach (var record in response.Results)
                    {
                        Tally(batch.Acquirer, record.Outcome, record.Outcome == TapOutcome.Accepted ? record.Charged ?? 0 : 0);
                        if (record.Outcome is TapOutcome.Rejected or TapOutcome.Invalid)
                        {
                            Problem(new GatewayProblem(string.Empty, string.Empty, 0, record.Code ?? "?", null));
                        }
                    }
                }
                else
                {
                    Problem(result.Problem!);
                }

                progress.Advance(batch.Taps.Length);
            }, ct);

            await ForEach(online, async (tap, token) =>
            {
                var body = new ChargeBody { Amount = tap.Amount, Ride = tap.Ride, MerchantId = tap.Merchant, Category = tap.Category, TerminalId = tap.Terminal, TerminalSequence = tap.Sequence, TappedAt = tap.TappedAt };
                var result = await gateways.For(tap.Acquirer, GatewayDirectory.Terminal).ChargeAsync(tap.Card, body, $"tap:{tap.Terminal}:{tap.Sequence}", token);
                if (result.Problem is { } problem)
                {
                    Problem(problem);
                }

                var outcome = result.Value switch
                {
                    null => TapOutcome.Rejected,
                    { Replay: true } => TapOutcome.Duplicate,
                    { Status: OperationStatus.Refused } => TapOutcome.Refused,
                    _ => TapOutcome.Accepted,
                };
                Tally(tap.Acquirer, outcome, outcome == TapOutcome.Accepted ? result.Value?.Charged ?? 0 : 0);
                progress.Advance();
            }, ct);
        }

        var hotlist = await gateways.For(City.ZG, GatewayDirectory.Operations).GetHotlistChangesAsync(0, 10_000, ct);
        PrintSummary(plan, started.Elapsed, totalTaps, again.Count, hotlist.Value);
        return 0;
    }

    private void PrintSummary(LoadPlan plan, TimeSpan elapsed, int totalTaps, int reuploads, HotlistChanges? hotlist)
    {
        Console.WriteLine();
        Console.WriteLine($"== A day of the region (seed run {plan.Run}): {plan.Cards.Count} cards, {plan.Taps.Count} taps, {reuploads} batches uploaded twice ==");
        var outcomes = Enum.GetValues<TapOutcome>();
        TablePrinter.Print(
            Console.Out,
            ["acquirer", .. outcomes.Select(o => o.ToString().ToLowerInvariant()), "charged"],
            Cities.All.Select(city => (IReadOnlyList<string>)[
                city.ToString(),
                .. outcomes.Select(o => tapOutcomes.GetValueOrDefault((city, o)).ToString(CultureInfo.InvariantCulture)),
                Output.Yuan(charged.GetValueOrDefault(city)),
            ]));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{totalTaps} tap records in {elapsed.TotalSeconds:0.0} s ({totalTaps / Math.Max(0.001, elapsed.TotalSeconds):0} taps/s through the gateways); {plan.LostCards.Count} cards reported lost; hotlist at version {hotlist?.ToVersion ?? 0}"));
        Console.WriteLine(problems.IsEmpty
            ? "nothing rejected or invalid"
            : "rejected or invalid, by code: " + string.Join(", ", problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}")));
    }

    private void Tally(City acquirer, TapOutcome outcome, long fen)
    {
        tapOutcomes.AddOrUpdate((acquirer, outcome), 1, (_, n) => n + 1);
        charged.AddOrUpdate(acquirer, fen, (_, n) => n + fen);
    }

    private void Count<T>(GatewayResult<T> result)
        where T : class
    {
        if (result.Problem is { } problem)
        {
            Problem(problem);
        }
    }

    private void Problem(GatewayProblem problem) => problems.AddOrUpdate(problem.Code, 1, (_, n) => n + 1);

    private Task ForEach<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, body);

    private static string JsonLines(IEnumerable<PlannedTap> taps)
    {
        var text = new StringBuilder();
        foreach (var t in taps)
        {
            text.AppendLine(JsonSerializer.Serialize(new OfflineTapRecord
            {
                Card = t.Card,
                Amount = t.Amount,
                Ride = t.Ride,
                MerchantId = t.Merchant,
                Category = t.Category,
                TerminalId = t.Terminal,
                TerminalSequence = t.Sequence,
                TappedAt = t.TappedAt,
            }, LineJson));
        }

        return text.ToString();
    }

    private static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
