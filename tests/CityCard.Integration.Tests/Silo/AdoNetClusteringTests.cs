using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo;
using CityCard.Silo.OrleansTables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace CityCard.Integration.Tests.Silo;

/// <summary>
/// The project's own schema for Orleans' ADO.NET providers, exercised by Orleans itself: two silos form a cluster
/// through the membership table, a client finds them through it, and reminders round-trip through their table.
/// </summary>
public sealed class AdoNetClusteringTests : IAsyncLifetime
{
    private const string ClusterId = "test-cluster";
    private readonly List<WebApplication> silos = [];
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("adonet");
        await OrleansSchema.ApplyAsync(connectionString);
        silos.Add(await LocalPorts.StartWithRetryAsync(StartSiloAsync));
        silos.Add(await LocalPorts.StartWithRetryAsync(StartSiloAsync));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_schema_can_be_applied_again_without_harm()
    {
        await OrleansSchema.ApplyAsync(connectionString);
        await OrleansSchema.ApplyAsync(connectionString);

        Assert.Equal(17L, await ScalarAsync("select count(*) from orleans.orleansquery"));
    }

    [Fact]
    public async Task Two_silos_join_through_the_membership_table_and_a_client_finds_them_there()
    {
        Assert.Equal(2L, await ScalarAsync($"select count(*) from orleans.orleansmembershiptable where deploymentid = '{ClusterId}' and status = 3"));

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = OrleansSchema.ConnectionStringFor(connectionString);
            });
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var cards = new CardsClient(host.Services.GetRequiredService<IClusterClient>());
        var card = CardClusterFixture.NewCard(City.YB);

        var issued = await cards.IssueAsync(card, Requests.Issue(card));

        Assert.Equal(OperationStatus.Accepted, issued.Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task Reminders_round_trip_through_their_table_with_etags()
    {
        var table = silos[0].Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("test-reminders", Guid.NewGuid().ToString("N"));
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "close-window", StartAt = DateTime.UtcNow, Period = TimeSpan.FromMinutes(5) };

        var etag = await table.UpsertRow(entry) ?? throw new InvalidOperationException("no etag");
        var read = await table.ReadRow(grain, "close-window") ?? throw new InvalidOperationException("no row");
        var all = await table.ReadRows(0, 0);
        var second = await table.UpsertRow(entry) ?? throw new InvalidOperationException("no etag");

        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal(etag, read.ETag);
        Assert.Contains(all.Reminders, r => r.GrainId == grain);
        Assert.NotEqual(etag, second);
        Assert.False(await table.RemoveRow(grain, "close-window", etag));
        Assert.True(await table.RemoveRow(grain, "close-window", second));
        Assert.Empty((await table.ReadRows(grain)).Reminders);
    }

    private Task<WebApplication> StartSiloAsync() =>
        TestSiloHost.StartAsync(LocalPorts.Free(), new Dictionary<string, string?>
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
