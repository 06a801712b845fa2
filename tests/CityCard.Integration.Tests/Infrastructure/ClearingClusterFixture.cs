using CityCard.Gateway.Cluster;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// A real cluster (two silos) with the clearing house, over a PostgreSQL database of its own, with in-memory reminders.
/// Each test class gets its own (windows are region-wide state). Subclasses choose whether the clearing house runs
/// on its timer with the real clock, or only when a test asks, with a fake clock the test moves (Orleans' own timers
/// follow the registered clock too, so a timer-driven cluster needs the real one).
/// </summary>
public abstract class ClearingClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, ChinaTime.Offset);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The warnings and errors every silo logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public DateTimeOffset Now => Time.GetUtcNow();

    protected abstract TimeProvider Time { get; }

    public string ConnectionString { get; private set; } = string.Empty;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public CardsClient Cards { get; private set; } = null!;

    public SettlementClient Clearing { get; private set; } = null!;

    public IDocumentStore Store { get; private set; } = null!;

    public IRegionClearingGrain ClearingGrain => Cluster.Client.GetGrain<IRegionClearingGrain>(IRegionClearingGrain.Key);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("clearing");
        Cluster = await ClusterDeployment.DeployAsync(
            () =>
            {
                var builder = new InProcessTestClusterBuilder(2);
                builder.ConfigureHost(host =>
                {
                    host.Services.AddSingleton(Time);
                    host.Services.PinOrleansToRealTime();
                    host.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
                    host.Services.AddCityCardGrains(ConnectionString);
                    host.Services.AddCityCardClearing(o =>
                    {
                        o.AutoCloseAfter = null;
                        o.ApportionPassesDaily = false;
                        Configure(o);
                    });
                });
                builder.ConfigureSilo((_, silo) => silo.UseInMemoryReminderService());
                builder.ConfigureHost(host => ConfigureMessaging(host.Services));
                builder.ConfigureClient(client => ConfigureMessaging(client.Services));
                return builder.Build();
            },
            Logs.Clear);
        Cards = new CardsClient(Cluster.Client);
        Clearing = new SettlementClient(Cluster.Client);
        // Its own store, not a silo's: a test may kill any silo.
        Store = DocumentStore.For(o => MartenSetup.Configure(o, ConnectionString, new CardStoreOptions()));
        Feed = new CardEventFeed(Store, Options.Create(new CardStoreOptions()));
        AfterDeploy();
    }

    /// <summary>What a fixture does once its cluster stands (e.g. moving its clock to where its tests begin).</summary>
    protected virtual void AfterDeploy()
    {
    }

    /// <summary>Reads the event store as the clearing house does.</summary>
    public CardEventFeed Feed { get; private set; } = null!;

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Store.Dispose();
    }

    /// <summary>
    /// Appends events to a new card's stream inside a transaction the test holds open: its sequence numbers are taken
    /// now, and it becomes visible only when the test commits it. A slow writer, or one that dies and rolls back. Each
    /// event carries its chain link, as the card store writes it, so the clearing house posts it once it is visible.
    /// </summary>
    public async Task<HeldAppend> HoldAppendAsync(string card, params CardEvent[] events)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var session = Store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            var links = CardAppend.Of(CardState.Initial(CardNumber.Parse(card)), events).Hashes;
            var stream = session.Events.StartStream(card, events);
            for (var i = 0; i < stream.Events.Count; i++)
            {
                stream.Events[i].SetHeader(MartenSetup.ChainHeader, links[i]);
            }

            await session.SaveChangesAsync();
        }

        return new HeldAppend(connection, transaction);
    }

    /// <summary>Postings of one card operation, as (window, late, city, account, amount).</summary>
    public async Task<IReadOnlyList<(DateOnly Window, bool Late, string City, string Account, long Amount)>> PostingsOfAsync(string operationId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select window_date, late, city, account, amount from citycard.{ClearingSchema.Postings} where operation_id = $1 order by source_id, leg, line", connection)
        {
            Parameters = { new() { Value = operationId } },
        };
        var rows = new List<(DateOnly, bool, string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetBoolean(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>Moves the fake clock forward to <paramref name="at"/> (never back).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }
    }

    protected abstract void Configure(ClearingOptions options);

    /// <summary>How long a call may wait for its answer; a call to a silo killed mid-call waits this long before its retry.</summary>
    protected virtual void ConfigureMessaging(IServiceCollection services)
    {
    }
}
