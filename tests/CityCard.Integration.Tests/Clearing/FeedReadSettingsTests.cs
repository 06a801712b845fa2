using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Projection;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Integration.Tests.Clearing;

/// <summary>
/// The feed reads with parallel workers and JIT compilation off (a batch of events is a short window of the sequence
/// index, which the planner misprices once the table holds millions of rows), set for the read's own transaction only:
/// the pooled connection goes back with the server's settings, so no other statement of the silo plans without them.
/// </summary>
public sealed class FeedReadSettingsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, ChinaTime.Offset);
    private DocumentStore store = null!;
    private CardEventFeed feed = null!;
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("feedsettings");
        var options = new CardStoreOptions();
        // One pooled connection: every read below and the check after it run on the same server session.
        store = DocumentStore.For(o => MartenSetup.Configure(o, new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1 }.ConnectionString, options));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        feed = new CardEventFeed(store, Options.Create(options));
        var card = CardNumber.Create(City.LZ, 11);
        var writer = new MartenCardEventStore(store, Options.Create(options));
        await writer.AppendAsync(CardAppend.Of(CardState.Initial(card), [
            new CardIssued("issue", Now, card, City.LZ, ProductCode.Standard, Money.FromFen(2000)),
            new CardToppedUp("top-up", Now, Money.FromFen(5000), City.ZG, TopUpChannel.Kiosk),
        ]));
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_feeds_reads_find_the_events_and_leave_the_pooled_connection_as_the_server_set_it()
    {
        var expected = await SettingsAsync(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);

        var cycle = await feed.ReadCycleAsync(new Checkpoint(0, [new GapRange(1, 1, Now)], 0), 100);
        var stored = await feed.ReadStoredAsync(0, 100);
        var recorded = await feed.ReadAsync(0, 100);

        Assert.Equal([1], cycle.GapEvents.Select(e => e.Sequence));
        Assert.Equal([1, 2], cycle.NewEvents.Select(e => e.Sequence));
        Assert.Equal(2, stored.Count);
        Assert.Equal(2, recorded.Count);
        Assert.Equal(expected, await SettingsAsync(connectionString: null));
        Assert.NotEqual(("0", "off"), expected); // the server's own settings, or the test would prove nothing
    }

    private async Task<(string Parallel, string Jit)> SettingsAsync(string? connectionString)
    {
        await using var connection = connectionString is null ? (NpgsqlConnection)store.Storage.Database.CreateConnection() : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_setting('max_parallel_workers_per_gather'), current_setting('jit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }
}
