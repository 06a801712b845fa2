using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Integration.Tests.Clearing;

/// <summary>
/// The clearing store on its own against PostgreSQL: two writers that both think they hold the checkpoint (a silo
/// presumed dead that is not), and a cycle committed twice. Neither can post anything twice.
/// </summary>
public sealed class ClearingStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, ChinaTime.Offset);
    private DocumentStore store = null!;
    private PostgresClearingStore clearing = null!;
    private CardEventFeed feed = null!;
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("store");
        var options = new CardStoreOptions();
        store = DocumentStore.For(o => MartenSetup.Configure(o, connectionString, options));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        clearing = new PostgresClearingStore(store, Options.Create(options));
        feed = new CardEventFeed(store, Options.Create(options));

        var card = CardNumber.Create(City.YB, 7);
        var events = new CardEvent[]
        {
            new CardIssued("issue", Now, card, City.YB, ProductCode.Standard, Money.FromFen(2000)),
            new CardToppedUp("top-up", Now, Money.FromFen(5000), City.NJ, TopUpChannel.Kiosk),
        };
        var writer = new MartenCardEventStore(store, Options.Create(options));
        await writer.AppendAsync(CardAppend.Of(CardState.Initial(card), events));
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_writer_whose_checkpoint_moved_under_it_is_refused_and_writes_nothing()
    {
        var (a, versionA) = await clearing.LoadAsync();
        var (b, versionB) = await clearing.LoadAsync();
        var changeB = ProjectionStep.Run(b, await feed.ReadCycleAsync(b.Checkpoint, 100), ClearingPolicy.Default, Now);
        var changeA = ProjectionStep.Run(a, await feed.ReadCycleAsync(a.Checkpoint, 100), ClearingPolicy.Default, Now);

        await clearing.CommitAsync(new ClearingCommit(versionB, changeB, null, Now));
        await Assert.ThrowsAsync<ClearingConflictException>(() => clearing.CommitAsync(new ClearingCommit(versionA, changeA, null, Now)));

        Assert.Equal(6, await PostingLinesAsync()); // issue: 2 lines; top-up across cities: 2 entries of 2
        Assert.Equal(2, (await clearing.LoadAsync()).State.Checkpoint.Position);
    }

    [Fact]
    public async Task A_cycle_committed_twice_is_refused_by_the_posting_key_and_the_checkpoint_stays()
    {
        var (state, version) = await clearing.LoadAsync();
        var change = ProjectionStep.Run(state, await feed.ReadCycleAsync(state.Checkpoint, 100), ClearingPolicy.Default, Now);
        var next = await clearing.CommitAsync(new ClearingCommit(version, change, null, Now));

        // The same postings again, even with the right version: the key (event, leg, line) refuses them.
        await Assert.ThrowsAsync<PostgresException>(() => clearing.CommitAsync(new ClearingCommit(next, change, null, Now)));

        Assert.Equal(6, await PostingLinesAsync()); // issue: 2 lines; top-up across cities: 2 entries of 2
        Assert.Equal(next, (await clearing.LoadAsync()).Version);
    }

    [Fact]
    public async Task The_tombstones_marten_writes_for_a_failed_append_are_left_out_and_projection_moves_past_them()
    {
        var card = CardNumber.Create(City.YB, 7);
        var writer = new MartenCardEventStore(store, Options.Create(new CardStoreOptions { GroupCommit = false }));
        // Reusing a recorded operation id fails the transaction after Marten took its sequence numbers.
        var reused = new CardToppedUp("top-up", Now, Money.FromFen(100), City.YB, TopUpChannel.Kiosk);
        var good = new CardToppedUp("good", Now, Money.FromFen(300), City.LZ, TopUpChannel.Kiosk);
        var state = await writer.LoadAsync(card);
        Assert.Equal(AppendOutcome.DuplicateOperation, (await writer.AppendAsync(CardAppend.Of(state, [reused]))).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await writer.AppendAsync(CardAppend.Of(state, [good]))).Outcome);
        Assert.True(await TombstonesWrittenAsync(), "the failed append should have left tombstones");

        for (var cycle = 0; cycle < 3; cycle++)
        {
            var (current, version) = await clearing.LoadAsync();
            var change = ProjectionStep.Run(current, await feed.ReadCycleAsync(current.Checkpoint, 100), ClearingPolicy.Default, Now);
            await clearing.CommitAsync(new ClearingCommit(version, change, null, Now));
        }

        var checkpoint = (await clearing.LoadAsync()).State.Checkpoint;
        Assert.Equal(await feed.HeadAsync(), checkpoint.Position);
        Assert.Empty(checkpoint.Gaps);
        Assert.Equal(10, await PostingLinesAsync()); // issue 2, two top-ups across cities 4 each
    }

    // Marten hands the tombstones of a failed append to a background retry block, so they land a moment after the
    // append has already thrown.
    private async Task<bool> TombstonesWrittenAsync()
    {
        var sql = $"select count(*) from citycard.mt_events where stream_id = '{CardEventFeed.MartenTombstoneStream}'";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await ScalarAsync(sql) > 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return false;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> PostingLinesAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from citycard.{ClearingSchema.Postings}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
