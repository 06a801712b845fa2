using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Fares;

/// <summary>One transit ride may overdraw the card within its product's overdraft; shops never; a closure settles the debt.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class OverdraftTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task A_ride_overdraws_a_purchase_is_refused_a_top_up_repays_and_closing_takes_the_debt_from_the_deposit()
    {
        var now = fixture.Clock.GetUtcNow();
        var card = await fixture.IssuedCard(City.ZG, 100, issuedAt: now.AddHours(-1));

        var ride = await fixture.Cards.ChargeAsync(card, Ride(City.ZG, Category.Bus, RideDetails.Bus("ZG-35"), now.AddMinutes(-30)));
        var shop = await fixture.Cards.ChargeAsync(card, Charge(50, now, City.ZG));
        var again = await fixture.Cards.ChargeAsync(card, Ride(City.ZG, Category.Bus, RideDetails.Bus("ZG-35"), now));

        Assert.Equal((OperationStatus.Accepted, -200L), (ride.Status, ride.Balance.Fen));
        Assert.Equal((OperationStatus.Refused, RejectionCode.InsufficientBalance), (shop.Status, shop.Rejection));
        Assert.Equal((OperationStatus.Refused, RejectionCode.InsufficientBalance), (again.Status, again.Rejection));

        var closed = await fixture.Cards.CloseAsync(card, new CloseCardRequest(NewOp("close")));

        Assert.Equal((OperationStatus.Accepted, 0L), (closed.Status, closed.Balance.Fen));
        var view = (await fixture.Cards.GetViewAsync(card))!;
        Assert.Equal((0L, 0L), (view.Balance.Fen, view.Deposit.Fen));
        Assert.Contains("debt 2.00 settled from the deposit, refunded deposit 18.00", (await fixture.Cards.GetHistoryAsync(card))!.Entries[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_issued_with_a_deposit_other_than_its_products_is_refused()
    {
        var card = CardClusterFixture.NewCard(City.NJ);

        var wrong = await fixture.Cards.IssueAsync(card, Issue(card, Money.FromYuan(20), ProductCode.Senior));
        var right = await fixture.Cards.IssueAsync(card, Issue(card, Money.Zero, ProductCode.Senior));

        Assert.Equal(RejectionCode.DepositOutOfRange, wrong.Rejection);
        Assert.Equal(OperationStatus.Accepted, right.Status);
    }
}
