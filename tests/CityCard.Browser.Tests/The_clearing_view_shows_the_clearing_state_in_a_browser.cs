using System.Globalization;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace CityCard.Browser.Tests;

/// <summary>
/// The clearing view in Debian's headless Chromium, on a real silo whose cards this test charged across cities: the
/// operator logs in with the region's clearing key, and the page shows the net positions, the flows between the
/// cities, the taps and refusals and the net-debit-cap crossing that those charges make, to the fen, with the
/// projection caught up. Nothing is fetched from anywhere but the silo. Screenshots: artifacts/screenshots/.
/// </summary>
public sealed class The_clearing_view_shows_the_clearing_state_in_a_browser : IAsyncLifetime
{
    private const string ClearingKey = "region-clearing.browser-test-clearing-secret-0123456789";
    private const long ZigongCapFen = 1_000;

    private WebApplication silo = null!;
    private IHost client = null!;
    private Uri url = null!;
    private int gatewayPort;

    // The charges and the page must fall in one business day, also when the test runs just before midnight China time.
    private readonly TimeProvider clock = ClearOfMidnight.Clock();

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("browser");
        silo = await LocalPorts.StartWithRetryAsync(() =>
        {
            var port = LocalPorts.Free();
            url = new Uri($"http://127.0.0.1:{port}/");
            return TestSiloHost.StartAsync(port, new Dictionary<string, string?>
            {
                ["ConnectionStrings:CityCard"] = database,
                ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
                ["Cluster:GatewayPort"] = TestSiloHost.Port(gatewayPort = LocalPorts.Free()),
                ["Clearing:NetDebitCapsFen:ZG"] = ZigongCapFen.ToString(CultureInfo.InvariantCulture),
                ["Operators:Keys:0:Id"] = "region-clearing",
                ["Operators:Keys:0:Role"] = "clearing",
                ["Operators:Keys:0:Secret"] = ClearingKey["region-clearing.".Length..],
            }, host => host.Services.AddSingleton(clock));
        });

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort));
        client = builder.Build();
        await client.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await client.StopAsync();
        client.Dispose();
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task An_operator_logs_in_and_sees_positions_flows_taps_refusals_and_the_cap_crossing_to_the_fen()
    {
        var cluster = client.Services.GetRequiredService<IClusterClient>();
        var cards = new CardsClient(cluster);
        var now = clock.GetUtcNow().AddMinutes(-1);

        // A Zigong card shops in Luzhou (twice) and Neijiang; a Luzhou card shops in Zigong, and is refused once.
        var zigong = await NewCardAsync(cards, City.ZG, 10_000);
        var luzhou = await NewCardAsync(cards, City.LZ, 5_000);
        var results = new List<(City Issuer, City Acquirer, Category Category, CardOperationResult Result)>();
        foreach (var (card, issuer, fen, acquirer, category) in new[]
        {
            (zigong, City.ZG, 1_234L, City.LZ, Category.Retail),
            (zigong, City.ZG, 566L, City.LZ, Category.Parking),
            (zigong, City.ZG, 250L, City.NJ, Category.Retail),
            (luzhou, City.LZ, 300L, City.ZG, Category.Retail),
            (luzhou, City.LZ, 9_000L, City.ZG, Category.Retail),
        })
        {
            results.Add((issuer, acquirer, category, await cards.ChargeAsync(card, Requests.Charge(fen, now, acquirer, category))));
        }

        var accepted = results.Where(r => r.Result.IsAccepted).ToList();
        var refused = results.Where(r => r.Result.Status == OperationStatus.Refused).ToList();
        Assert.Equal(4, accepted.Count);
        Assert.Single(refused);
        long Flow(City payer, City payee) => accepted.Where(r => r.Issuer == payer && r.Acquirer == payee).Sum(r => r.Result.Charged!.Value.Fen);
        var zigongNet = Flow(City.LZ, City.ZG) - Flow(City.ZG, City.LZ) - Flow(City.ZG, City.NJ);
        Assert.True(zigongNet < -ZigongCapFen, "the charges take Zigong beyond its cap");

        var status = await cluster.GetGrain<IRegionClearingGrain>(IRegionClearingGrain.Key).CatchUp();
        Assert.True(status.IsCaughtUp);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(url.ToString(), StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(url, "/clearing").ToString());
        Assert.StartsWith(new Uri(url, "/operator/login").ToString(), page.Url, StringComparison.Ordinal);
        await page.FillAsync("#key", ClearingKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Uri(url, "/clearing").ToString());

        Assert.Equal(status.CurrentWindow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await Text(page, "current-window"));
        Assert.Equal("0", await Text(page, "projection-lag"));
        Assert.Equal("caught up", await Text(page, "projection-state"));
        Assert.Equal(Yuan(zigongNet), await Text(page, "net-ZG"));
        Assert.Equal(Yuan(Flow(City.ZG, City.LZ) - Flow(City.LZ, City.ZG)), await Text(page, "net-LZ"));
        Assert.Equal(Yuan(Flow(City.ZG, City.NJ)), await Text(page, "net-NJ"));
        Assert.Equal(Yuan(0), await Text(page, "net-YB"));
        Assert.Equal(Yuan(Flow(City.ZG, City.LZ)), await Text(page, "flow-ZG-LZ"));
        Assert.Equal(Yuan(Flow(City.LZ, City.ZG)), await Text(page, "flow-LZ-ZG"));
        Assert.Equal(Yuan(Flow(City.ZG, City.NJ)), await Text(page, "flow-ZG-NJ"));
        Assert.Equal("beyond cap", await Text(page, "cap-state-ZG"));
        Assert.Equal("1", await Text(page, "cap-crossings"));
        Assert.Equal("2", await Text(page, "taps-LZ"));
        Assert.Equal("1", await Text(page, "taps-LZ-Parking"));
        Assert.Equal("1", await Text(page, "taps-ZG"));
        Assert.Equal("1", await Text(page, $"refusals-{refused[0].Result.Rejection}"));
        Assert.Equal(4, await page.Locator("svg").CountAsync()); // net positions, flows, taps per minute, refusals
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("clearing-view.png"), FullPage = true });

        // The same session opens the Orleans dashboard, whose page is served by the silo too.
        await page.GotoAsync(new Uri(url, "/dashboard/").ToString());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("Orleans", await page.TitleAsync(), StringComparison.OrdinalIgnoreCase);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("dashboard.png") });

        Assert.Empty(elsewhere);
    }

    private static async Task<string> NewCardAsync(CardsClient cards, City issuer, long balance)
    {
        var card = CardNumber.Create(issuer, Random.Shared.NextInt64(1, 999_999_999)).Value;
        Assert.True((await cards.IssueAsync(card, Requests.Issue(card))).IsAccepted);
        Assert.True((await cards.TopUpAsync(card, Requests.TopUp(balance, issuer))).IsAccepted);
        return card;
    }

    private static async Task<string> Text(IPage page, string testId) => (await page.GetByTestId(testId).InnerTextAsync()).Trim();

    private static string Yuan(long fen) => (fen < 0 ? "-¥" : "¥") + Money.FromFen(Math.Abs(fen));
}
