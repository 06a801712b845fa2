using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>Every card operation end to end: client → cluster → grain → Marten → PostgreSQL and back.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class CardLifecycleTests(CardClusterFixture fixture)
{
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task A_card_lives_through_every_operation_and_its_stream_tells_the_story()
    {
        var card = CardClusterFixture.NewCard(City.YB);
        var cards = fixture.Cards;

        var issued = await cards.IssueAsync(card, Issue(card, Money.FromYuan(20)));
        Assert.Equal(OperationStatus.Accepted, issued.Status);
        Assert.Equal(CardStatus.Active, issued.CardStatus);

        Assert.Equal(10_000, (await cards.TopUpAsync(card, TopUp(10_000, City.NJ))).Balance.Fen);

        var tap = Charge(350, Now.AddMinutes(-3), City.LZ, Category.Hotel);
        var charged = await cards.ChargeAsync(card, tap);
        Assert.Equal(9_650, charged.Balance.Fen);

        var reversed = await cards.ReverseChargeAsync(card, new ReverseChargeRequest(NewOp("rev"), tap.OperationId, Money.FromFen(350), "Driver keyed the wrong fare"));
        Assert.Equal(10_000, reversed.Balance.Fen);

        Assert.Equal(CardStatus.Blocked, (await cards.BlockAsync(card, new BlockCardRequest(NewOp("block"), BlockReason.Lost))).CardStatus);
        var refused = await cards.ChargeAsync(card, Charge(200, Now));
        Assert.Equal(OperationStatus.Refused, refused.Status);
        Assert.Equal(RejectionCode.CardBlocked, refused.Rejection);

        Assert.Equal(CardStatus.Active, (await cards.UnblockAsync(card, new UnblockCardRequest(NewOp("unblock")))).CardStatus);

        var closed = await cards.CloseAsync(card, new CloseCardRequest(NewOp("close")));
        Assert.Equal(CardStatus.Closed, closed.CardStatus);
        Assert.Equal(0, closed.Balance.Fen);

        var history = (await cards.GetHistoryAsync(card))!;
        Assert.Equal(
            ["card_issued.v1", "card_topped_up.v1", "card_charged.v1", "charge_reversed.v1", "card_blocked.v1", "charge_refused.v1", "card_unblocked.v1", "card_closed.v1"],
            history.Entries.Select(e => e.EventType));
        Assert.Equal(8, await fixture.StreamVersionAsync(card));
        Assert.Equal(tap.TappedAt, history.Entries[2].BusinessTime);
        Assert.Equal(CardStatus.Closed, history.State.Status);
    }

    [Fact]
    public async Task Replacement_moves_balance_and_deposit_to_the_new_card_and_finishes_the_old_one()
    {
        var oldCard = CardClusterFixture.NewCard(City.ZG);
        var newCard = CardClusterFixture.NewCard(City.ZG);
        await fixture.Cards.IssueAsync(oldCard, Issue(oldCard, Money.FromYuan(25), ProductCode.Senior));
        await fixture.Cards.TopUpAsync(oldCard, TopUp(4_321));
        await fixture.Cards.BlockAsync(oldCard, new BlockCardRequest(NewOp("block"), BlockReason.Stolen));

        var replaced = await fixture.Cards.ReplaceAsync(oldCard, new ReplaceCardRequest(NewOp("replace"), CardNumber.Parse(newCard)));

        Assert.Equal(OperationStatus.Accepted, replaced.Status);
        var oldView = (await fixture.Cards.GetViewAsync(oldCard))!;
        var newView = (await fixture.Cards.GetViewAsync(newCard))!;
        Assert.Equal((CardStatus.Replaced, 0L, 0L), (oldView.Status, oldView.Balance.Fen, oldView.Deposit.Fen));
        Assert.Equal((CardStatus.Active, 4_321L, 2_500L), (newView.Status, newView.Balance.Fen, newView.Deposit.Fen));
        Assert.Equal(ProductCode.Senior, newView.Product);
        Assert.Equal(CardNumber.Parse(oldCard), newView.ReplacementOf);
        Assert.Equal(CardNumber.Parse(newCard), oldView.ReplacedBy);

        var afterwards = await fixture.Cards.ChargeAsync(oldCard, Charge(100, Now));
        Assert.Equal(RejectionCode.CardReplaced, afterwards.Rejection);
    }

    [Fact]
    public async Task History_as_of_a_moment_shows_the_card_as_it_was_then()
    {
        var card = CardClusterFixture.NewCard(City.NJ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(5_000));
        var between = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.Cards.ChargeAsync(card, Charge(1_000, fixture.Clock.GetUtcNow()));

        var then = (await fixture.Cards.GetHistoryAsync(card, between))!;

        Assert.Equal(2, then.Entries.Count);
        Assert.Equal(5_000, then.State.Balance.Fen);
        Assert.Equal(4_000, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
    }
}
