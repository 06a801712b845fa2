using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
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
/// The projection reads the next cycle while this one commits (<see cref="CycleReadAhead"/>). A commit that fails
/// throws the read ahead away: the projection resumes from the checkpoint it reloads, and every event is posted once.
/// </summary>
public sealed class CycleReadAheadTests : IAsyncLifetime
{
    private const int Cards = 5;
    private const int Batch = 3;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, ChinaTime.Offset);
    private DocumentStore store = null!;
    private PostgresClearingStore clearing = null!;
    private CardEventFeed feed = null!;
    private string connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("readahead");
        var options = new CardStoreOptions();
        store = DocumentStore.For(o => MartenSetup.Configure(o, connectionString, options));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        clearing = new PostgresClearingStore(store, Options.Create(options));
        feed = new CardEventFeed(store, Options.Create(options));

        var writer = new MartenCardEventStore(store, Options.Create(options));
        for (var i = 1; i <= Cards; i++)
        {
            var card = CardNumber.Create(City.YB, i);
            var events = new CardEvent[]
            {
                new CardIssued("issue", Now, card, City.YB, ProductCode.Standard, Money.FromFen(2000)),
                new CardToppedUp("top-up", Now, Money.FromFen(5000), City.NJ, TopUpChannel.Kiosk),
            };
            await writer.AppendAsync(CardAppend.Of(CardState.Initial(card), events));
        }
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_failed_commit_drops_the_read_ahead_and_the_projection_resumes_posting_every_event_once()
    {
        await using var reads = new CycleReadAhead(feed, Batch);
        var (state, version) = await clearing.LoadAsync();
        var firstRead = await reads.ReadAsync(state.Checkpoint);
        var first = ProjectionStep.Run(state, firstRead, ClearingPolicy.Default, Now);
        reads.Start(first.State.Checkpoint);

        // The commit fails (another writer moved the checkpoint, as far as this one knows): nothing of it lands.
        await Assert.ThrowsAsync<ClearingConflictException>(() => clearing.CommitAsync(new ClearingCommit(version + 1, first, null, Now)));

        // As the grain does: forget the state, reload it, cycle on. The read made ahead from the lost change is not used.
        (state, version) = await clearing.LoadAsync();
        Assert.Equal(0, state.Checkpoint.Position);
        var again = await reads.ReadAsync(state.Checkpoint);
        Assert.Equal(firstRead.NewEvents[0].Sequence, again.NewEvents[0].Sequence);

        var cycles = 0;
        var projected = 0;
        var read = again;
        while (true)
        {
            var change = ProjectionStep.Run(state, read, ClearingPolicy.Default, Now);
            if (!change.CaughtUp)
            {
                reads.Start(change.State.Checkpoint);
            }

            version = await clearing.CommitAsync(new ClearingCommit(version, change, null, Now));
            state = change.State;
            projected += change.EventsProjected;
            cycles++;
            if (change.CaughtUp)
            {
                break;
            }

            read = await reads.ReadAsync(state.Checkpoint);
        }

        Assert.True(cycles > 2, $"{cycles} cycles: the test needs reads ahead to be used");
        Assert.Equal(2 * Cards, projected);
        Assert.Equal(await feed.HeadAsync(), (await clearing.LoadAsync()).State.Checkpoint.Position);
        Assert.Equal((6L * Cards, 2L * Cards), await PostingsAsync()); // each card: issue 2 lines; top-up across cities 2 entries of 2
    }

    [Fact]
    public async Task A_read_ahead_is_handed_only_to_the_cycle_that_starts_from_its_checkpoint()
    {
        await using var reads = new CycleReadAhead(feed, Batch);
        var (state, _) = await clearing.LoadAsync();
        var change = ProjectionStep.Run(state, await reads.ReadAsync(state.Checkpoint), ClearingPolicy.Default, Now);
        reads.Start(change.State.Checkpoint);

        // An equal checkpoint that is not the one the change installs (a reload) reads afresh.
        var lookalike = change.State.Checkpoint with { };
        var fresh = await reads.ReadAsync(lookalike);
        Assert.Equal(change.State.Checkpoint.Position + 1, fresh.NewEvents[0].Sequence);
        Assert.Throws<InvalidOperationException>(() =>
        {
            reads.Start(change.State.Checkpoint);
            reads.Start(change.State.Checkpoint);
        });
    }

    private async Task<(long Lines, long Events)> PostingsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*), count(distinct source_id) from citycard.{ClearingSchema.Postings} where source_kind = {(short)SourceKind.Event}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
