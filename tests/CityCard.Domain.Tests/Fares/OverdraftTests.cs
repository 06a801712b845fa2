using CityCard.Contracts;
using CityCard.Domain.Cards;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>One transit ride may take a card below zero, down to its product's overdraft; a purchase never may.</summary>
public sealed class OverdraftTests
{
    [Fact]
    public void A_ride_may_take_a_card_with_money_on_it_below_zero_within_the_products_overdraft()
    {
        // ZG standard: 5.00 overdraft. 1.00 on the card, a 28.00 coach would go to −27.00: refused; a 3.00 bus: −2.00.
        var card = Card(City.ZG, balanceFen: 100);

        Assert.Equal(RejectionCode.InsufficientBalance, Refusal(Decide(card, Coach(City.ZG, "ZG-CS", "YB-CS", At("10:00")))));
        var (after, _) = Run(card, [Bus(City.ZG, "ZG-35", At("10:00"))]);
        Assert.Equal(-200, after.Balance.Fen);
    }

    [Fact]
    public void A_card_at_or_below_zero_rides_nothing_that_costs_money_but_a_capped_or_free_ride_still_passes()
    {
        var card = Card(City.ZG, balanceFen: 0);

        Assert.Equal(RejectionCode.InsufficientBalance, Refusal(Decide(card, Bus(City.ZG, "ZG-1", At("10:00")))));
        Assert.Equal(0, Charged(card, Bike(City.ZG, At("10:00"), 30)).Amount.Fen);
    }

    [Fact]
    public void A_purchase_never_overdraws()
    {
        var card = Card(City.ZG, balanceFen: 100);

        Assert.Equal(RejectionCode.InsufficientBalance, Refusal(Decide(card, Purchase(City.ZG, Category.Retail, 101, At("10:00")))));
    }

    [Fact]
    public void The_refusal_is_recorded_with_the_fare_the_ride_would_have_cost()
    {
        var refused = Assert.IsType<ChargeRefused>(Assert.IsType<CardDecision.Append>(Decide(Card(City.LZ, balanceFen: 0), Bus(City.LZ, "LZ-K2", At("10:00")))).Events[0]);

        Assert.Equal((350L, "LZ@2026-11-20"), (refused.Amount.Fen, refused.Fare!.Policy));
    }

    [Fact]
    public void A_top_up_repays_the_negative_balance_first()
    {
        var (card, _) = Run(Card(City.ZG, balanceFen: 100), [Bus(City.ZG, "ZG-35", At("10:00")), new TopUpRequest("topup", Money.FromFen(1_000), City.ZG, TopUpChannel.Kiosk)]);

        Assert.Equal(800, card.Balance.Fen);
    }

    [Fact]
    public void Closing_a_card_in_debt_settles_the_debt_from_the_deposit_and_refunds_the_rest()
    {
        var (card, _) = Run(Card(City.ZG, balanceFen: 100) with { Deposit = Money.FromFen(2_000) }, [Bus(City.ZG, "ZG-35", At("10:00"))]);

        var closed = Assert.IsType<CardClosed>(Assert.IsType<CardDecision.Append>(Decide(card, new CloseCardRequest("close"))).Events[0]);
        var after = CardEvolver.Evolve(card, closed);

        Assert.Equal((0L, 1_800L, 200L), (closed.BalanceRefunded.Fen, closed.DepositRefunded.Fen, closed.DebtSettledFromDeposit!.Value.Fen));
        Assert.Equal((0L, 0L, CardStatus.Closed), (after.Balance.Fen, after.Deposit.Fen, after.Status));
    }

    [Fact]
    public void A_card_whose_debt_is_more_than_its_deposit_cannot_be_closed_until_topped_up()
    {
        var (card, _) = Run(Card(City.ZG, balanceFen: 100), [Bus(City.ZG, "ZG-35", At("10:00"))]);

        var rejected = Assert.IsType<CardDecision.Reject>(Decide(card, new CloseCardRequest("close")));

        Assert.Equal(RejectionCode.OutstandingDebt, rejected.Code);
    }

    private static RejectionCode? Refusal(CardDecision decision) =>
        decision is CardDecision.Append { Events: [ChargeRefused refused] } ? refused.Reason : null;
}
