using System.Diagnostics;
using System.Globalization;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Contracts;
using CityCard.Grains;
using CityCard.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CityCard.Benchmarks;

/// <summary>
/// Taps per second through the real path: cluster client → card grain → decide → append to PostgreSQL, with many
/// cards tapping at once (a morning rush). Baseline: one transaction per append. Measured: group commit, where the
/// appends of cards that arrive together share a transaction. Same database server, same run.
/// </summary>
public static class TapThroughputBenchmark
{
    private const int Cards = 256;
    private const int TapsPerCard = 40;

    public static async Task RunAsync(string serverConnectionString, TextWriter output)
    {
        var baseline = await MeasureAsync(serverConnectionString, groupCommit: false);
        var oneWriter = await MeasureAsync(serverConnectionString, groupCommit: true, writers: 1);
        var grouped = await MeasureAsync(serverConnectionString, groupCommit: true);

        output.WriteLine($"Card taps through grains, {Cards} cards x {TapsPerCard} taps, durable PostgreSQL ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        output.WriteLine($"  {"baseline: one transaction per append",-42} {Rate(baseline),10} taps/s   1.00x");
        output.WriteLine($"  {"group commit, one writer (before 0076)",-42} {Rate(oneWriter),10} taps/s   {(oneWriter / baseline).ToString("F1", CultureInfo.InvariantCulture)}x");
        output.WriteLine($"  {$"group commit, {new CardStoreOptions().GroupCommitWriters} writers",-42} {Rate(grouped),10} taps/s   {(grouped / baseline).ToString("F1", CultureInfo.InvariantCulture)}x");

        // The hash chain's cost per tap, measured on the same machine: what each tap's event costs to canonicalise and
        // hash (the card state computes it once per event), against the wall time a tap takes at the grouped rate.
        var micros = HashMicrosPerEvent();
        output.WriteLine($"  {"hash chain per tap event (JSON + SHA-256)",-42} {micros.ToString("F1", CultureInfo.InvariantCulture),10} us     {(micros * grouped / 1e6 / Environment.ProcessorCount * 100).ToString("F1", CultureInfo.InvariantCulture)}% of the cores at the group-commit rate");
    }

    /// <summary>Microseconds to link one priced bus tap into a chain, the median of five rounds of 20,000.</summary>
    private static double HashMicrosPerEvent()
    {
        var card = CardNumber.Create(City.ZG, 1);
        var at = DateTimeOffset.UtcNow;
        var fare = new FareBreakdown("LZ@2026-11-20", Money.FromFen(250), Money.Zero, Money.Zero, Money.Zero, Money.FromFen(250),
            [new FareLine(FareLineKind.Base, Money.FromFen(250), "LZ@2026-11-20", "bus.routeClasses.city")], true, false, null);
        var tap = new Domain.Cards.CardCharged("tap-ZG0000000018-17", at, Money.FromFen(250),
            new Domain.Cards.TapDetails(City.LZ, "LZ-BUS", Category.Bus, "LZB-1", 17, at, RideDetails.Bus("LZ-1")), fare);
        var rounds = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var head = Domain.Integrity.EventChain.Genesis;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < 20_000; i++)
            {
                head = Domain.Integrity.EventChain.Link(head, card, i + 1, tap);
            }

            rounds.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / 20_000);
        }

        rounds.Sort();
        return rounds[2];
    }

    /// <param name="writers">Group commit writers; null keeps the default (<see cref="CardStoreOptions.GroupCommitWriters"/>).</param>
    internal static async Task<double> MeasureAsync(string server, bool groupCommit, int? writers = null)
    {
        var connectionString = await Databases.CreateFreshAsync(server, groupCommit ? "taps_grouped" : "taps_alone");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(host => host.Services.AddCityCardGrains(connectionString, o =>
        {
            o.GroupCommit = groupCommit;
            o.GroupCommitWriters = writers ?? o.GroupCommitWriters;
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var cards = new CardsClient(cluster.Client);
        var numbers = Enumerable.Range(1, Cards).Select(i => CardNumber.Create(City.ZG, i).Value).ToList();
        await Task.WhenAll(numbers.Select(async n =>
        {
            // policies/zg.json: a standard card takes a 20.00 deposit.
            await cards.IssueAsync(n, new IssueCardRequest($"issue-{n}", City.ZG, ProductCode.Standard, Money.FromYuan(20)));
            await cards.TopUpAsync(n, new TopUpRequest($"top-up-{n}", Money.FromYuan(500), City.ZG, TopUpChannel.Kiosk));
        }));

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(numbers.Select(async n =>
        {
            for (var i = 0; i < TapsPerCard; i++)
            {
                // A bus ride in Luzhou, priced by its policy (the daily cap soon makes it free; it is still decided and recorded).
                var tap = ChargeRequest.ForRide($"tap-{n}-{i}", City.LZ, "LZ-BUS", Category.Bus, "LZB-1", i, DateTimeOffset.UtcNow, RideDetails.Bus("LZ-1"));
                var result = await cards.ChargeAsync(n, tap);
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"Tap refused during the benchmark: {result.Rejection}.");
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await cluster.StopAllSilosAsync();
        return Cards * TapsPerCard / elapsed.TotalSeconds;
    }

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
