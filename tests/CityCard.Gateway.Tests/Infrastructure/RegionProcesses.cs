using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Integration.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// A silo and Zigong's gateway, each in a process of its own as ./run.sh runs them, over a database of their own: what
/// the metrics tests scrape, so that each host's /metrics holds its own measurements only.
/// </summary>
public sealed class RegionProcesses : IAsyncLifetime
{
    public HostProcess Silo { get; private set; } = null!;

    public HostProcess Gateway { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("processes");
        var siloGateway = 0;
        Silo = await LocalPorts.StartWithRetryAsync(async () =>
        {
            siloGateway = LocalPorts.Free();
            var host = HostProcess.Silo(database, LocalPorts.Free(), LocalPorts.Free(), siloGateway);
            await host.StartAsync(TimeSpan.FromMinutes(2));
            return host;
        });
        Gateway = await LocalPorts.StartWithRetryAsync(async () =>
        {
            var host = HostProcess.Gateway(City.ZG, LocalPorts.Free(), siloGateway);
            await host.StartAsync(TimeSpan.FromMinutes(1));
            return host;
        });
        Http = new HttpClient { BaseAddress = Gateway.Url };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await Silo.DisposeAsync();
    }

    /// <summary>A Zigong card, issued, with <paramref name="balance"/> fen topped up.</summary>
    public async Task<string> NewCardAsync(long balance)
    {
        var card = GatewayFixture.NewCard(City.ZG);
        var desk = new GatewayClient(Http, GatewayFixture.KeyOf(City.ZG, Role.ServiceDesk));
        var issueKey = GatewayFixture.NewKey("issue");
        await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, issueKey));
        var topupKey = GatewayFixture.NewKey("topup");
        await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.TopUpAsync(card, new TopUpBody { Amount = balance, Channel = TopUpChannel.ServiceDesk }, topupKey));
        return card;
    }
}
