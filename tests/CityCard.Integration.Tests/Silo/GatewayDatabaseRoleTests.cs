using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo.OrleansTables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace CityCard.Integration.Tests.Silo;

/// <summary>
/// The gateways' PostgreSQL role, made by the silo's own schema setup, on a real PostgreSQL under a real silo: it reads
/// what an Orleans client needs to find the silos and is refused everything else.
/// </summary>
public sealed class GatewayDatabaseRoleTests : IAsyncLifetime
{
    private const string ClusterId = "role-cluster";
    private WebApplication silo = null!;
    private string owner = string.Empty;
    private string gateway = string.Empty;

    public async Task InitializeAsync()
    {
        owner = await TestPostgres.CreateDatabaseAsync("role");
        silo = await LocalPorts.StartWithRetryAsync(() => TestSiloHost.StartAsync(LocalPorts.Free(), new Dictionary<string, string?>
        {
            ["ConnectionStrings:CityCard"] = owner,
            ["Cluster:Membership"] = "AdoNet",
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
            ["Cluster:GatewayPort"] = TestSiloHost.Port(LocalPorts.Free()),
        }));

        // The schema made the role NOLOGIN (the test server lets the silo's user create roles); whoever runs the
        // gateways gives it its login, as CloudNativePG's managed roles do on Kubernetes.
        await ExecuteAsync(owner, $"alter role {OrleansSchema.GatewayRole} login");
        gateway = new NpgsqlConnectionStringBuilder(owner) { Username = OrleansSchema.GatewayRole, Pooling = false }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task The_role_reads_the_membership_table()
    {
        var active = await ScalarAsync(gateway, $"select count(*) from orleans.orleansmembershiptable where deploymentid = '{ClusterId}' and status = 3");
        var queries = await ScalarAsync(gateway, "select count(*) from orleans.orleansquery where querykey = 'GatewaysQueryKey'");

        Assert.Equal(1L, active);
        Assert.Equal(1L, queries);
    }

    [Theory]
    [InlineData("select count(*) from citycard.mt_events")]
    [InlineData("select count(*) from citycard.mt_streams")]
    [InlineData("select count(*) from orleans.orleansreminderstable")]
    [InlineData("select count(*) from orleans.orleansmembershipversiontable")]
    public async Task The_role_may_not_read_card_data_or_anything_else(string sql)
    {
        await AssertRefusedAsync(sql);
    }

    [Theory]
    [InlineData("insert into orleans.orleansquery (querykey, querytext) values ('x', 'select 1')")]
    [InlineData("update orleans.orleansmembershiptable set status = 6")]
    [InlineData("delete from orleans.orleansmembershiptable")]
    [InlineData("update orleans.orleansquery set querytext = 'select 1'")]
    [InlineData("select orleans.citycard_update_member('role-cluster', '127.0.0.1', 1, 1, 6, null, now(), 0)")]
    [InlineData("insert into citycard.mt_events (seq_id) values (1)")]
    [InlineData("create table orleans.planted (id int)")]
    [InlineData("create table public.planted (id int)")]
    public async Task The_role_may_not_write_anything(string sql)
    {
        await AssertRefusedAsync(sql);
    }

    [Fact]
    public async Task A_cluster_client_with_only_this_role_finds_the_silo_and_works()
    {
        // What the gateway does with Cluster:Membership=AdoNet (client/CityCard.Gateway/GatewayApp.cs).
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = OrleansSchema.ConnectionStringFor(gateway);
            });
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var card = CardClusterFixture.NewCard(City.LZ);

        var issued = await new CardsClient(host.Services.GetRequiredService<IClusterClient>()).IssueAsync(card, Requests.Issue(card));

        Assert.Equal(OperationStatus.Accepted, issued.Status);
        await host.StopAsync();
    }

    private async Task AssertRefusedAsync(string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(gateway, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql) => await ScalarAsync(connectionString, sql);
}
