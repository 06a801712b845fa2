using CityCard.Contracts;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>A card's state lives in its stream: a fresh activation reads back exactly what the last one had.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class ReactivationTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task A_deactivated_card_comes_back_with_the_same_state_read_from_its_stream()
    {
        var card = CardClusterFixture.NewCard(City.LZ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(8_000));
        var tap = Charge(275, fixture.Clock.GetUtcNow());
        await fixture.Cards.ChargeAsync(card, tap);
        await fixture.Cards.BlockAsync(card, new BlockCardRequest(NewOp("block"), BlockReason.Lost));
        var before = (await fixture.Cards.GetViewAsync(card))!;

        await fixture.Cluster.DeactivateAsync(fixture.Grain(card));
        var after = (await fixture.Cards.GetViewAsync(card))!;

        Assert.Equal(before, after);
        var retried = await fixture.Cards.ChargeAsync(card, tap);
        Assert.True(retried.IsReplay);
        Assert.Equal(7_725, retried.Balance.Fen);
    }

    [Fact]
    public async Task A_long_history_is_reloaded_from_a_snapshot_and_the_events_after_it()
    {
        var card = CardClusterFixture.NewCard(City.YB);
        await fixture.Cards.IssueAsync(card, Issue(card));
        for (var i = 0; i < 124; i++)
        {
            await fixture.Cards.TopUpAsync(card, TopUp(500));
            await fixture.Cards.ChargeAsync(card, Charge(400, fixture.Clock.GetUtcNow()));
        }

        var before = (await fixture.Cards.GetViewAsync(card))!;
        await fixture.Cluster.DeactivateAsync(fixture.Grain(card));
        var after = (await fixture.Cards.GetViewAsync(card))!;

        Assert.Equal(249, after.Version);
        Assert.Equal(12_400, after.Balance.Fen);
        Assert.Equal(before, after);
        await using var session = fixture.Store.QuerySession();
        var snapshot = await session.LoadAsync<CardSnapshot>(card);
        Assert.Equal(200, snapshot!.Version);
    }
}
