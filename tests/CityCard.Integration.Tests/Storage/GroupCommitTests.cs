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
