using System.Net;
using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityCard.Integration.Tests.Silo;

/// <summary>
/// The real silo host, wired as Program wires it: schema applied on start, /health and /dashboard served, and a
/// cluster client able to issue and charge a card through its gateway.
/// </summary>
public sealed class SiloHostTests : IAsyncLifetime
{
    private int httpPort;
    private int gatewayPort;
    private string connectionString = string.Empty;
    private WebApplication silo = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("silo");
        silo = await LocalPorts.StartWithRetryAsync(StartSiloAsync);
    }

    private Task<WebApplication> StartSiloAsync()
    {
        (httpPort, gatewayPort) = (LocalPorts.Free(), LocalPorts.Free());
        return TestSiloHost.StartAsync(httpPort, new Dictionary<string, string?>
        {
            ["ConnectionStrings:CityCard"] = connectionString,
            ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
            ["Cluster:GatewayPort"] = TestSiloHost.Port(gatewayPort),
            ["Telemetry:Exporter"] = "console",
        });
    }

    public async Task DisposeAsync()
    {
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task The_silo_applies_its_schema_and_serves_health_and_the_dashboard()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"silo\":\"Active\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var dashboard = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("html", (await dashboard.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tables = new NpgsqlCommand("select count(*) from information_schema.tables where table_schema = 'citycard' and table_name in ('mt_events', 'mt_streams', 'card_operations', 'mt_doc_card_snapshot')", connection);
        Assert.Equal(4L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_cluster_client_reaches_the_cards_through_the_gateway()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        using var host = builder.Build();
        await host.StartAsync();
        var cards = new CardsClient(host.Services.GetRequiredService<IClusterClient>());
        var card = CardClusterFixture.NewCard(City.LZ);

        await cards.IssueAsync(card, Requests.Issue(card));
        await cards.TopUpAsync(card, Requests.TopUp(1_000, City.YB));
        var charged = await cards.ChargeAsync(card, Requests.Charge(200, DateTimeOffset.UtcNow, City.ZG));

        Assert.Equal((OperationStatus.Accepted, 800L), (charged.Status, charged.Balance.Fen));
        await host.StopAsync();
    }

}
