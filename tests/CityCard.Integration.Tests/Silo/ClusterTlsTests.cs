using CityCard.Cluster.Tls;
using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo.OrleansTables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace CityCard.Integration.Tests.Silo;

/// <summary>
/// Mutual TLS inside the cluster, on real silos over real sockets: two silos with certificates of the cluster's
/// authority (made in the test) form one cluster; a client with a gateway certificate works; a client without TLS, or
/// with a certificate of another authority, or that cannot trust the silos, never gets a connection.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private const string ClusterId = "tls-cluster";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TestCertificates cluster = new();
    private readonly TestCertificates stranger = new("someone-elses-ca");
    private readonly List<WebApplication> silos = [];
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("tlscluster");
        silos.Add(await LocalPorts.StartWithRetryAsync(() => StartSiloAsync(cluster.Silo("silo-a"))));
        silos.Add(await LocalPorts.StartWithRetryAsync(() => StartSiloAsync(cluster.Silo("silo-b"))));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
        }

        cluster.Dispose();
        stranger.Dispose();
    }

    [Fact]
    public async Task Two_silos_with_tls_form_one_cluster()
    {
        // A silo becomes active only after it has reached the active silos: here, over TLS.
        Assert.Equal(2L, await ScalarAsync($"select count(*) from orleans.orleansmembershiptable where deploymentid = '{ClusterId}' and status = 3"));
    }

    [Fact]
    public async Task A_client_with_a_gateway_certificate_of_the_cluster_issues_a_card()
    {
        using var client = await StartClientAsync(cluster.Settings(cluster.Gateway()));
        var card = CardClusterFixture.NewCard(City.NJ);

        var issued = await new CardsClient(client.Services.GetRequiredService<IClusterClient>()).IssueAsync(card, Requests.Issue(card));

        Assert.Equal(OperationStatus.Accepted, issued.Status);
        await client.StopAsync();
    }

    [Fact]
    public async Task A_client_without_tls_gets_no_connection()
    {
        await AssertNoConnectionAsync([]);
    }

    [Fact]
    public async Task A_client_whose_certificate_another_authority_signed_gets_no_connection()
    {
        var impostor = stranger.Gateway("impostor");

        await AssertNoConnectionAsync(new()
        {
            ["Cluster:Tls:CertificatePath"] = impostor.CertificatePath,
            ["Cluster:Tls:KeyPath"] = impostor.KeyPath,
            ["Cluster:Tls:CaPath"] = cluster.AuthorityPath,
        });
    }

    [Fact]
    public async Task A_client_that_cannot_trust_the_silos_certificates_does_not_talk_to_them()
    {
        var gateway = cluster.Gateway("misconfigured");

        await AssertNoConnectionAsync(new()
        {
            ["Cluster:Tls:CertificatePath"] = gateway.CertificatePath,
            ["Cluster:Tls:KeyPath"] = gateway.KeyPath,
            ["Cluster:Tls:CaPath"] = stranger.AuthorityPath,
        });
    }

    private async Task AssertNoConnectionAsync(Dictionary<string, string?> tls)
    {
        // The clients here try once (a client left to itself retries for ever): the first attempt's failure is the
        // refusal, well before our patience ends, where the same client with the right certificates connects.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartClientAsync(tls));

        Assert.IsNotType<TimeoutException>(refused);
        Assert.IsAssignableFrom<OrleansException>(refused);
    }

    /// <summary>A cluster client set up as the gateway sets up its own (AdoNet membership, Cluster:Tls when given).</summary>
    private async Task<IHost> StartClientAsync(Dictionary<string, string?> tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(tls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = ClusterTlsSettings.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            if (settings is not null)
            {
                client.UseCityCardTls(settings);
            }

            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = OrleansSchema.ConnectionStringFor(connectionString);
            });
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(Patience);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private Task<WebApplication> StartSiloAsync(TestCertificates.Issued certificate) =>
        TestSiloHost.StartAsync(LocalPorts.Free(), new Dictionary<string, string?>(cluster.Settings(certificate))
        {
            ["ConnectionStrings:CityCard"] = connectionString,
            ["Cluster:Membership"] = "AdoNet",
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
            ["Cluster:GatewayPort"] = TestSiloHost.Port(LocalPorts.Free()),
        });

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
