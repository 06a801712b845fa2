using System.Globalization;
using System.Net;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo.OrleansTables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// The gateway as deploy/k8s runs it: it finds the silos in the membership table with the citycard_gateway role alone
/// (the silo's schema grants it nothing more) and talks to them over mutual TLS, with certificates made in the test.
/// </summary>
public sealed class The_gateway_reaches_a_tls_cluster_with_its_limited_database_role : IAsyncLifetime
{
    private const string ClusterId = "gateway-tls";
    private const string DeskKeyId = "yb-service-desk";
    private const string DeskSecret = "test-secret-YB-service-desk-0123456789";

    private readonly TestCertificates certificates = new();
    private WebApplication silo = null!;
    private WebApplication gateway = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var owner = await TestPostgres.CreateDatabaseAsync("gatewayrole");
        silo = await LocalPorts.StartWithRetryAsync(() => TestSiloHost.StartAsync(LocalPorts.Free(), new Dictionary<string, string?>(certificates.Settings(certificates.Silo()))
        {
            ["ConnectionStrings:CityCard"] = owner,
            ["Cluster:Membership"] = "AdoNet",
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["Cluster:SiloPort"] = Port(LocalPorts.Free()),
            ["Cluster:GatewayPort"] = Port(LocalPorts.Free()),
        }));

        await using (var connection = new NpgsqlConnection(owner))
        {
            await connection.OpenAsync();
            await using var login = new NpgsqlCommand($"alter role {OrleansSchema.GatewayRole} login", connection);
            await login.ExecuteNonQueryAsync();
        }

        var membership = new NpgsqlConnectionStringBuilder(owner) { Username = OrleansSchema.GatewayRole }.ConnectionString;
        var url = new Uri("http://127.0.0.1/");
        gateway = await LocalPorts.StartWithRetryAsync(() => StartGatewayAsync(url = new Uri($"http://127.0.0.1:{LocalPorts.Free()}/"), membership));
        http = new HttpClient { BaseAddress = url };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
        await silo.StopAsync();
        await silo.DisposeAsync();
        certificates.Dispose();
    }

    [Fact]
    public async Task It_is_ready_and_a_card_is_issued_and_topped_up_through_it()
    {
        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var desk = new GatewayClient(http, $"{DeskKeyId}.{DeskSecret}");
        var card = GatewayFixture.NewCard(City.YB);

        var issued = (await desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, GatewayFixture.NewKey("issue"))).Expect();
        var topped = (await desk.TopUpAsync(card, new TopUpBody { Amount = 5_000, Channel = TopUpChannel.ServiceDesk }, GatewayFixture.NewKey("topup"))).Expect();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(OperationStatus.Accepted, issued.Status);
        Assert.Equal(OperationStatus.Accepted, topped.Status);
        Assert.Equal(5_000, topped.Balance);
    }

    private async Task<WebApplication> StartGatewayAsync(Uri url, string membership)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(certificates.Settings(certificates.Gateway()))
        {
            ["Gateway:City"] = "YB",
            ["Gateway:Keys:0:Id"] = DeskKeyId,
            ["Gateway:Keys:0:City"] = "YB",
            ["Gateway:Keys:0:Role"] = "service-desk",
            ["Gateway:Keys:0:Secret"] = DeskSecret,
            ["Cluster:Membership"] = "AdoNet",
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["ConnectionStrings:CityCard"] = membership,
        });
        builder.WebHost.UseUrls(url.ToString().TrimEnd('/'));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCityCardGateway(GatewaySettings.From(builder.Configuration));
        var app = builder.Build();
        app.MapCityCardGateway();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
