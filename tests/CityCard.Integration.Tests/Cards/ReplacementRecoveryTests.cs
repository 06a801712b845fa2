using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>
/// Replacement spans two streams. Whichever step the process dies at, a retry with the same operation id finishes
/// it, and the money on the two cards together is what the old card held: no fen lost, none doubled.
/// </summary>
[Collection(CardClusterCollection.Name)]
public sealed class ReplacementRecoveryTests(CardClusterFixture fixture)
{
    public static TheoryData<string, FaultPoint> Crashes => new()
    {
        { nameof(ReplacementCardClaimed), FaultPoint.AfterAppend },
        { nameof(CardReplaced), FaultPoint.BeforeAppend },
        { nameof(CardReplaced), FaultPoint.AfterAppend },
        { nameof(ReplacementFundsReceived), FaultPoint.BeforeAppend },
        { nameof(ReplacementFundsReceived), FaultPoint.AfterAppend },
    };

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task A_replacement_interrupted_half_way_is_completed_by_a_retry_and_conserves_money(string crashingEvent, FaultPoint point)
    {
        var (oldCard, newCard) = (CardClusterFixture.NewCard(City.NJ), CardClusterFixture.NewCard(City.NJ));
        await fixture.Cards.IssueAsync(oldCard, Issue(oldCard, Money.FromYuan(20)));
        await fixture.Cards.TopUpAsync(oldCard, TopUp(6_789));
        var replace = new ReplaceCardRequest(NewOp("replace"), CardNumber.Parse(newCard));

        fixture.Faults.Arm(e => e.GetType().Name == crashingEvent, point);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Cards.ReplaceAsync(oldCard, replace));
        await AssertMoneyConserved(oldCard, newCard, balance: 6_789, deposit: 2_000);

        var retried = await fixture.Cards.ReplaceAsync(oldCard, replace);

        Assert.Equal(OperationStatus.Accepted, retried.Status);
        var (oldView, newView) = await Views(oldCard, newCard);
        Assert.Equal((CardStatus.Replaced, CardStatus.Active), (oldView.Status, newView.Status));
        Assert.Equal((6_789L, 2_000L), (newView.Balance.Fen, newView.Deposit.Fen));
        Assert.Equal(2, await fixture.StreamVersionAsync(newCard));
        await AssertMoneyConserved(oldCard, newCard, balance: 6_789, deposit: 2_000);

        var again = await fixture.Cards.ReplaceAsync(oldCard, replace);
        Assert.True(again.IsReplay);
        Assert.Equal(2, await fixture.StreamVersionAsync(newCard));
    }

    [Fact]
    public async Task A_replacement_onto_a_card_already_in_use_is_refused_and_the_old_card_keeps_its_money()
    {
        var (oldCard, taken) = (CardClusterFixture.NewCard(City.YB), CardClusterFixture.NewCard(City.YB));
        await fixture.Cards.IssueAsync(oldCard, Issue(oldCard));
        await fixture.Cards.TopUpAsync(oldCard, TopUp(1_000));
        await fixture.Cards.IssueAsync(taken, Issue(taken));

        var refused = await fixture.Cards.ReplaceAsync(oldCard, new ReplaceCardRequest(NewOp("replace"), CardNumber.Parse(taken)));

        Assert.Equal(RejectionCode.ReplacementTargetUnavailable, refused.Rejection);
        Assert.Equal((CardStatus.Active, 1_000L), ((await fixture.Cards.GetViewAsync(oldCard))!.Status, (await fixture.Cards.GetViewAsync(oldCard))!.Balance.Fen));
    }

    [Fact]
    public async Task A_replacement_by_another_citys_card_is_refused()
    {
        var oldCard = CardClusterFixture.NewCard(City.YB);
        await fixture.Cards.IssueAsync(oldCard, Issue(oldCard));

        var refused = await fixture.Cards.ReplaceAsync(oldCard, new ReplaceCardRequest(NewOp("replace"), CardNumber.Parse(CardClusterFixture.NewCard(City.LZ))));

        Assert.Equal(RejectionCode.ReplacementIssuerMismatch, refused.Rejection);
    }

    /// <summary>Money is either on one of the cards or in transit, named by the old card's CardReplaced event.</summary>
    private async Task AssertMoneyConserved(string oldCard, string newCard, long balance, long deposit)
    {
        var (oldView, newView) = await Views(oldCard, newCard);
        var inTransit = oldView.Status == CardStatus.Replaced && newView.Status == CardStatus.AwaitingReplacementFunds;
        var held = oldView.Balance.Fen + newView.Balance.Fen;
        var deposits = oldView.Deposit.Fen + newView.Deposit.Fen;
        Assert.Equal(inTransit ? (0L, 0L) : (balance, deposit), (held, deposits));
        if (inTransit)
        {
            var replaced = (CardReplaced?)(await fixture.Store.QuerySession().Events.FetchStreamAsync(oldCard)).Select(e => e.Data).OfType<CardReplaced>().Single();
            Assert.Equal((balance, deposit), (replaced!.BalanceMoved.Fen, replaced.DepositMoved.Fen));
        }
    }

    private async Task<(CardView Old, CardView New)> Views(string oldCard, string newCard) =>
        ((await fixture.Cards.GetViewAsync(oldCard))!, (await fixture.Cards.GetViewAsync(newCard))!);
}
