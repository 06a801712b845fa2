using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Integration.Tests.Storage;

/// <summary>
/// Group commit writes many cards' appends in one transaction, yet each append keeps its own outcome: one card's
/// lost race or reused operation id must not fail, or be hidden by, the others in its batch.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, ChinaTime.Offset);
    private string connectionString = string.Empty;
    private DocumentStore documents = null!;
    private MartenCardEventStore store = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("group");
        var options = new CardStoreOptions { GroupCommit = true };
        documents = DocumentStore.For(o => MartenSetup.Configure(o, connectionString, options));
        await documents.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        store = new MartenCardEventStore(documents, Options.Create(options));
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        documents.Dispose();
    }

    [Fact]
    public async Task Appends_of_many_cards_arriving_together_share_transactions_and_all_land()
    {
        var cards = Enumerable.Range(1, 200).Select(i => CardNumber.Create(City.LZ, i)).ToList();

        var results = await Task.WhenAll(cards.Select(card => store.AppendAsync(Issue(card))));

        Assert.All(results, r => Assert.Equal(AppendOutcome.Appended, r.Outcome));
        Assert.Equal(200L, await CardEventCountAsync());
        // A stream's row is stamped with now(), the start of the transaction that created it (an event's own
        // timestamp comes from the client, so it cannot tell transactions apart).
        Assert.True(await ScalarAsync("select count(distinct timestamp) from citycard.mt_streams") < 200L, "expected some appends to share a transaction");
    }

    [Fact]
    public async Task A_lost_race_in_a_batch_fails_only_that_append()
    {
        var cards = Enumerable.Range(1, 50).Select(i => CardNumber.Create(City.NJ, i)).ToList();
        await Task.WhenAll(cards.Select(card => store.AppendAsync(Issue(card))));
        var stale = cards[7];

        var appends = cards.Select(card => store.AppendAsync(TopUp(card, expectedVersion: 1, operationId: $"top-up-{card}"))).ToList();
        appends.Add(store.AppendAsync(TopUp(stale, expectedVersion: 1, operationId: "late-writer")));
        var results = await Task.WhenAll(appends);

        Assert.Equal(50, results.Count(r => r.Outcome == AppendOutcome.Appended));
        Assert.Single(results, r => r.Outcome == AppendOutcome.VersionConflict);
        Assert.Equal(100L, await CardEventCountAsync());
    }

    [Fact]
    public async Task A_reused_operation_id_in_a_batch_is_reported_for_that_append_alone()
    {
        var cards = Enumerable.Range(1, 40).Select(i => CardNumber.Create(City.YB, i)).ToList();
        await Task.WhenAll(cards.Select(card => store.AppendAsync(Issue(card))));

        // Card 3's append reuses the id of its issue; in memory the card would have caught it, the table catches it here.
        var results = await Task.WhenAll(cards.Select((card, i) =>
            store.AppendAsync(TopUp(card, expectedVersion: 1, operationId: i == 3 ? $"issue-{card}" : $"top-up-{card}"))));

        Assert.Equal(AppendOutcome.DuplicateOperation, results[3].Outcome);
        Assert.Equal(39, results.Count(r => r.Outcome == AppendOutcome.Appended));
    }

    [Fact]
    public async Task Several_writers_commit_at_once_and_each_cards_appends_keep_their_order()
    {
        Assert.True(new CardStoreOptions().GroupCommitWriters > 1, "the store is meant to run several writers by default");
        var cards = Enumerable.Range(1, 64).Select(i => CardNumber.Create(City.ZG, i)).ToList();

        // Every card makes six appends one after another (as its grain does), all cards at once.
        var outcomes = await Task.WhenAll(cards.Select(async card =>
        {
            var state = CardState.Initial(card);
            var mine = new List<AppendOutcome>();
            for (var n = 0; n < 6; n++)
            {
                CardEvent next = n == 0
                    ? new CardIssued($"issue-{card}", Now, card, card.Issuer, ProductCode.Standard, Money.Zero)
                    : new CardToppedUp($"top-up-{card}-{n}", Now, Money.FromFen(100 * n), City.ZG, TopUpChannel.Kiosk);
                var append = CardAppend.Of(state, [next]);
                mine.Add((await store.AppendAsync(append)).Outcome);
                state = append.StateAfter;
            }

            return mine;
        }));

        Assert.All(outcomes.SelectMany(o => o), o => Assert.Equal(AppendOutcome.Appended, o));
        Assert.Equal(64L * 6, await CardEventCountAsync());

        // Each top-up at the version it was made for: no card's appends were reordered across writers.
        Assert.Equal(0L, await ScalarAsync(
            "select count(*) from citycard.card_operations where operation_id like 'top-up-%' and version <> 1 + split_part(operation_id, '-', 4)::int"));
        Assert.Equal(64L * 5, await ScalarAsync("select count(*) from citycard.card_operations where operation_id like 'top-up-%'"));
    }

    private static CardAppend Issue(CardNumber card)
    {
        var issued = new CardIssued($"issue-{card}", Now, card, card.Issuer, ProductCode.Standard, Money.Zero);
        return CardAppend.Of(CardState.Initial(card), [issued]);
    }

    private static CardAppend TopUp(CardNumber card, long expectedVersion, string operationId)
    {
        var before = CardEvolver.Evolve(CardState.Initial(card), new CardIssued($"issue-{card}", Now, card, card.Issuer, ProductCode.Standard, Money.Zero));
        var topUp = new CardToppedUp(operationId, Now, Money.FromFen(500), City.ZG, TopUpChannel.Kiosk);
        return CardAppend.Of(before, [topUp]) with { ExpectedVersion = expectedVersion };
    }

    /// <summary>Card events only: a failed batch leaves Marten's tombstones behind (CardEventFeed.MartenTombstoneStream).</summary>
    private Task<long> CardEventCountAsync() =>
        ScalarAsync($"select count(*) from citycard.mt_events where stream_id <> '{CardEventFeed.MartenTombstoneStream}'");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
