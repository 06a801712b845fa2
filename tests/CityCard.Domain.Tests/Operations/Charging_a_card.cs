using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Charging_a_card
{
    [Fact]
    public void A_tap_on_an_active_card_with_enough_money_is_charged()
    {
        var tap = Charge("charge-1", Yuan(2), City.LZ, "LZ-SHOP-7", Category.Retail, "bus-0042", 17, Clock.Now.AddMinutes(-3));

        var after = Given(Issued(), ToppedUp(Yuan(10)))
            .When(tap)
            .ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2),
                new TapDetails(City.LZ, "LZ-SHOP-7", Category.Retail, "bus-0042", 17, Clock.Now.AddMinutes(-3))));

        after.HasBalanceAndDeposit(Yuan(8), Yuan(20));
        Assert.True(after.Charges.TryGet("charge-1", out var charge));
        Assert.Equal(Yuan(2), charge.Reversible);
    }

    [Fact]
    public void A_charge_may_take_the_balance_to_exactly_zero()
    {
        var after = Given(Issued(), ToppedUp(Yuan(2)))
            .When(Charge(amount: Yuan(2)))
            .ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2), TapOf(Charge())));

        Assert.Equal(Money.Zero, after.Balance);
    }

    [Fact]
    public void An_offline_tap_uploaded_a_month_late_is_still_charged()
    {
        var tap = Charge(tappedAt: Clock.Now - CardLimits.MaxTapAge);

        Given(Issued(at: Clock.Now - CardLimits.MaxTapAge - TimeSpan.FromDays(1)), ToppedUp(Yuan(10)))
            .When(tap)
            .ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2), TapOf(tap)));
    }

    [Fact]
    public void A_terminal_clock_slightly_ahead_is_tolerated()
    {
        var tap = Charge(tappedAt: Clock.Now + CardLimits.TapClockSkew);

        Given(Issued(), ToppedUp(Yuan(10)))
            .When(tap)
            .ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2), TapOf(tap)));
    }

    [Fact]
    public void A_terminal_clock_slightly_behind_ours_at_the_issue_is_tolerated()
    {
        var tap = Charge(tappedAt: Clock.Earlier - CardLimits.TapClockSkew);

        Given(Issued(), ToppedUp(Yuan(10)))
            .When(tap)
            .ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2), TapOf(tap)));
    }

    /// <summary>A tap from before the card existed is a clock error or a forgery: on record among the refused taps, never charged.</summary>
    [Fact]
    public void A_ride_from_before_the_card_was_issued_is_recorded_refused_and_prices_no_later_ride()
    {
        var early = Rides.Bus("ride-early", "ZG-1", Clock.Earlier.AddMinutes(-30));
        var spec = Given(Issued(), ToppedUp(Yuan(10))).When(early);

        var refused = Assert.IsType<ChargeRefused>(Assert.Single(Assert.IsType<CardDecision.Append>(spec.Decision).Events));
        Assert.Equal((RejectionCode.TapBeforeIssue, "ride-early", Yuan(2)), (refused.Reason, refused.OperationId, refused.Amount));
        var after = CardEvolver.Fold(spec.State, [refused]);
        Assert.Equal(Yuan(10), after.Balance);
        Assert.Empty(after.Rides.Rides);
        Assert.False(after.Charges.TryGet("ride-early", out _));

        // A ride on another route soon after the card was issued is no transfer from the refused one.
        var next = CardDecider.Decide(after, Rides.Bus("ride-2", "ZG-35", Clock.Earlier.AddMinutes(10)), Clock.Now, TestPolicies.Default);
        Assert.Equal(Yuan(3), Assert.IsType<CardCharged>(Assert.Single(Assert.IsType<CardDecision.Append>(next).Events)).Amount);
    }

    [Fact]
    public void A_tap_on_a_card_never_issued_is_rejected_without_a_record()
    {
        Given()
            .When(Charge())
            .ThenRejects(RejectionCode.CardNotIssued);
    }
}
