using System.Diagnostics;
using System.Globalization;
using System.Text;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityCard.Benchmarks;

/// <summary>
/// The taps benchmark's workload (256 cards × 40 bus taps in Luzhou) through a city gateway's batch upload path over
/// real HTTP, beside the same workload through grains from the same process, in one run: the real silo host and one
/// gateway, as the HTTP tests host them (TestSiloHost, TestGatewayHost), on loopback ports and a fresh database. The
/// grain baseline calls the cards through the gateway's own cluster client, so both paths cross the same TCP hop to
/// the silo and the ratio is what HTTP, parsing and the batch processor add.
/// </summary>
public static class GatewayBatchBenchmark
{
    private const int Cards = 256;
    private const int TapsPerCard = 40;

    /// <summary>Terminals uploading at once; each sends one batch of the taps of <c>Cards / Uploaders</c> cards.</summary>
    public const int Uploaders = 16;

    /// <summary>
    /// The benchmark's gateway limits (decision 0074): no per-key rate limit in the way (the taps come from one key),
    /// and as many batches at once as there are uploaders, each charging up to 16 cards in parallel, so the gateway
    /// runs 256 cards at once as the grain path does; calls wait as long as Orleans' default. Production keeps 200/s per
    /// key, 2 batches at once and a 3 s response timeout.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Limits { get; } = new Dictionary<string, string?>
    {
        ["Gateway:Limits:PermitsPerSecond"] = "100000",
        ["Gateway:Limits:Burst"] = "1000000",
        ["Gateway:Limits:MaxConcurrentBatches"] = Uploaders.ToString(CultureInfo.InvariantCulture),
        ["Gateway:Limits:BatchQueue"] = Uploaders.ToString(CultureInfo.InvariantCulture),
        ["Gateway:MaxParallelCharges"] = (Cards / Uploaders).ToString(CultureInfo.InvariantCulture),

        // Orleans' own default, not the gateway's 3 s: on a saturated machine a queued call is measured, not refused.
        ["Cluster:ResponseTimeout"] = "00:00:30",
    };

    /// <summary>Taps/s through grains (the gateway's cluster client) and through batch uploads, same silo, same run.</summary>
    public static async Task<(double Grains, double Batches)> MeasureAsync(string server)
    {
        var connectionString = await Databases.CreateFreshAsync(server, "gateway");
        var siloGatewayPort = 0;
        var silo = await LocalPorts.StartWithRetryAsync(() => TestSiloHost.StartAsync(LocalPorts.Free(), new Dictionary<string, string?>
        {
            ["ConnectionStrings:CityCard"] = connectionString,
            ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
            ["Cluster:GatewayPort"] = TestSiloHost.Port(siloGatewayPort = LocalPorts.Free()),
        }));
        var (gateway, url) = await TestGatewayHost.StartAsync(City.LZ, siloGatewayPort, Limits);
        try
        {
            var cards = new CardsClient(gateway.Services.GetRequiredService<IClusterClient>());
            var numbers = Enumerable.Range(1, Cards).Select(i => CardNumber.Create(City.ZG, i).Value).ToList();
            await Task.WhenAll(numbers.Select(async n =>
            {
                await cards.IssueAsync(n, new IssueCardRequest($"issue-{n}", City.ZG, ProductCode.Standard, Money.FromYuan(20)));
                await cards.TopUpAsync(n, new TopUpRequest($"top-up-{n}", Money.FromYuan(500), City.ZG, TopUpChannel.Kiosk));
            }));

            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(numbers.Select(async n =>
            {
                for (var i = 0; i < TapsPerCard; i++)
                {
                    var tap = ChargeRequest.ForRide($"tap-{n}-{i}", City.LZ, "LZ-BUS", Category.Bus, "LZB-1", i, DateTimeOffset.UtcNow, RideDetails.Bus("LZ-1"));
                    var result = await cards.ChargeAsync(n, tap);
                    if (!result.IsAccepted)
                    {
                        throw new InvalidOperationException($"Tap refused during the benchmark: {result.Rejection}.");
                    }
                }
            }));
            var grains = Cards * TapsPerCard / Stopwatch.GetElapsedTime(started).TotalSeconds;

            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
            var terminal = new GatewayClient(http, GatewayFixture.KeyOf(City.LZ, Role.Terminal));
            var batches = numbers.Chunk(Cards / Uploaders).Select((group, u) => BatchOf(group, u)).ToList();
            started = Stopwatch.GetTimestamp();
            await Task.WhenAll(batches.Select(async batch =>
            {
                var result = (await terminal.UploadTapsAsync(batch.Body, "application/x-ndjson")).Expect();
                if (result.Accepted != batch.Records)
                {
                    throw new InvalidOperationException($"A batch of {batch.Records} taps had {result.Accepted} accepted, {result.Refused} refused, {result.Rejected} rejected, {result.Invalid} invalid.");
                }
            }));
            return (grains, Cards * TapsPerCard / Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
            await silo.StopAsync();
            await silo.DisposeAsync();
        }
    }

    /// <summary>One terminal's JSON Lines batch: each of its cards' taps in order, the card's 40 taps one after another.</summary>
    private static (string Body, int Records) BatchOf(string[] cards, int uploader)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        var sequence = 0;
        foreach (var card in cards)
        {
            for (var i = 0; i < TapsPerCard; i++)
            {
                body.Append(CultureInfo.InvariantCulture, $$$"""{"card":"{{{card}}}","merchantId":"LZ-BUS","category":"Bus","terminalId":"LZB-BENCH-{{{uploader}}}","terminalSequence":{{{sequence++}}},"tappedAt":"{{{at}}}","ride":{"route":"LZ-1"}}""").Append('\n');
            }
        }

        return (body.ToString(), sequence);
    }
}
