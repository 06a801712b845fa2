using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// A silo and Zigong's gateway, each exporting its spans to memory (<see cref="Spans"/>), over a database of their own:
/// what the trace and metrics tests look at.
/// </summary>
public sealed class ObservedRegion : IAsyncLifetime
{
    private WebApplication silo = null!;
    private WebApplication gateway = null!;

    public SpanCollection Spans { get; } = new();

    public Uri SiloUrl { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("observed");
        var siloGateway = 0;
        var httpPort = 0;
        silo = await LocalPorts.StartWithRetryAsync(() => TestSiloHost.StartAsync(
            httpPort = LocalPorts.Free(),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:CityCard"] = database,
                ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
                ["Cluster:GatewayPort"] = TestSiloHost.Port(siloGateway = LocalPorts.Free()),
            },
            builder => TestGatewayHost.ExportSpansTo(builder, Spans)));
        SiloUrl = new Uri($"http://127.0.0.1:{httpPort}/");
        (gateway, GatewayUrl) = await TestGatewayHost.StartAsync(City.ZG, siloGateway, configure: builder => TestGatewayHost.ExportSpansTo(builder, Spans));
        // A client of its own making, like a terminal: it sends the traceparent it is given and adds none (in this
        // process the gateway's HttpClient instrumentation would otherwise start a trace of its own for every request).
        Http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = GatewayUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    public GatewayClient Client(Role role) => new(Http, GatewayFixture.KeyOf(role.IsRegional() ? null : City.ZG, role));

    /// <summary>A Zigong card, issued, with <paramref name="balance"/> fen topped up.</summary>
    public async Task<string> NewCardAsync(long balance)
    {
        var card = GatewayFixture.NewCard(City.ZG);
        var desk = Client(Role.ServiceDesk);
        var issueKey = GatewayFixture.NewKey("issue");
        await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, issueKey));
        if (balance > 0)
        {
            var topupKey = GatewayFixture.NewKey("topup");
            await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.TopUpAsync(card, new TopUpBody { Amount = balance, Channel = TopUpChannel.ServiceDesk }, topupKey));
        }

        return card;
    }
}

[CollectionDefinition(Name)]
public sealed class ObservedRegionCollection : ICollectionFixture<ObservedRegion>
{
    public const string Name = "observed region";
}
