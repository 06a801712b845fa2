using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Integration.Tests.Infrastructure;
using Npgsql;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Integrity;

/// <summary>
/// Every event the cards append carries its hash-chain link in its own row; editing one event's data in PostgreSQL
/// makes the verifier name exactly that event, while every event before it still verifies.
/// </summary>
[Collection(CardClusterCollection.Name)]
public sealed class TamperEvidenceTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task Streams_written_through_the_grains_verify_with_group_commit_and_late_taps()
    {
        var cards = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => fixture.IssuedCard(Cities.All[i % 4], 5_000)));
        var now = fixture.Clock.GetUtcNow();
        await Task.WhenAll(cards.Select(async card =>
        {
            for (var i = 0; i < 5; i++)
            {
                await fixture.Cards.ChargeAsync(card, Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), now.AddMinutes(-10 * i)));
            }

            await fixture.Cards.ChargeAsync(card, Charge(90_000, now));
        }));

        foreach (var card in cards)
        {
            var verification = await fixture.Grain(card).VerifyStream();
            Assert.True(verification.Verified, $"{card}: {verification.Break}");
            Assert.Equal(await fixture.StreamVersionAsync(card), verification.EventsChecked);
        }
    }

    [Fact]
    public async Task Editing_one_events_data_in_PostgreSQL_makes_the_verifier_name_exactly_that_event()
    {
        var card = await fixture.IssuedCard(City.YB, 10_000);
        var now = fixture.Clock.GetUtcNow();
        await fixture.Cards.ChargeAsync(card, Charge(300, now, City.LZ));
        await fixture.Cards.ChargeAsync(card, Charge(450, now, City.LZ));
        await fixture.Cards.ChargeAsync(card, Charge(200, now, City.YB));

        await ExecuteAsync(
            "update citycard.mt_events set data = jsonb_set(data, array[(select k from jsonb_object_keys(data) k where lower(k) = 'amount')], '1'::jsonb) " +
            "where stream_id = $1 and version = 4", card);

        var verification = await fixture.Grain(card).VerifyStream();
        var replay = await fixture.Grain(card).Replay(ReplayPoint.Now);

        Assert.False(verification.Verified);
        Assert.Equal((4L, "card_charged.v1", ChainBreakKind.HashMismatch), (verification.Break!.Version, verification.Break.EventType, verification.Break.Kind));
        Assert.Equal(4L, verification.EventsChecked);
        Assert.Equal(verification, replay.Verification);

        // The replay shows what the edited row now says; the verification says not to believe it.
        Assert.Equal(-Money.FromFen(1), replay.Entries[3].Amount);
    }

    [Fact]
    public async Task An_event_edited_into_data_that_cannot_be_read_is_named_as_unreadable()
    {
        var card = await fixture.IssuedCard(City.NJ, 10_000);
        await fixture.Cards.ChargeAsync(card, Charge(300, fixture.Clock.GetUtcNow(), City.NJ));

        await ExecuteAsync(
            "update citycard.mt_events set data = jsonb_set(data, array[(select k from jsonb_object_keys(data) k where lower(k) = 'amount')], '\"lots\"'::jsonb) " +
            "where stream_id = $1 and version = 3", card);

        var replay = await fixture.Grain(card).Replay(ReplayPoint.Now);

        Assert.Equal((3L, ChainBreakKind.Unreadable), (replay.Verification!.Break!.Version, replay.Verification.Break.Kind));
        Assert.Equal(2, replay.Entries.Count);
    }

    [Fact]
    public async Task Replay_as_of_a_version_between_a_card_of_history_gives_the_state_after_it()
    {
        var card = await fixture.IssuedCard(City.ZG, 10_000);
        await fixture.Cards.ChargeAsync(card, Charge(300, fixture.Clock.GetUtcNow(), City.ZG));

        var atTwo = await fixture.Grain(card).Replay(new ReplayPoint(AsOfVersion: 2));

        Assert.Equal((2, 10_000L, 2L), (atTwo.Entries.Count, atTwo.State.Balance.Fen, atTwo.AsOfVersion!.Value));
        Assert.True(atTwo.Verification!.Verified);
        Assert.Equal(3L, atTwo.Verification.EventsChecked);
    }

    [Fact]
    public async Task The_verifier_of_all_streams_walks_a_citys_cards_page_by_page_and_names_the_edited_event()
    {
        var tampered = await fixture.IssuedCard(City.LZ, 10_000);
        await fixture.Cards.ChargeAsync(tampered, Charge(300, fixture.Clock.GetUtcNow(), City.LZ));
        var clean = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fixture.IssuedCard(City.LZ, 1_000)));
        await ExecuteAsync(
            "update citycard.mt_events set data = jsonb_set(data, array[(select k from jsonb_object_keys(data) k where lower(k) = 'amount')], '301'::jsonb) " +
            "where stream_id = $1 and version = 3", tampered);

        var verifier = fixture.Cluster.Client.GetGrain<IStreamVerifierGrain>("LZ");
        var failed = new List<StreamVerification>();
        var (pages, streams) = (0, 0L);
        StreamVerificationPage page;
        string? after = null;
        do
        {
            page = await verifier.VerifyPage(after, 3);
            failed.AddRange(page.Failed);
            streams += page.StreamsChecked;
            after = page.NextAfter;
            pages++;
        }
        while (after is not null);

        Assert.Equal(page.TotalStreams, streams);
        Assert.True(pages >= 2);
        var broken = Assert.Single(failed, f => f.Card.Value == tampered);
        Assert.Equal((3L, ChainBreakKind.HashMismatch), (broken.Break!.Version, broken.Break.Kind));
        Assert.DoesNotContain(failed, f => clean.Contains(f.Card.Value));
    }

    private async Task ExecuteAsync(string sql, string card)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = card } } };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
