using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

/// <summary>An upheld dispute refunds the card with a compensating event; the charge itself is never touched.</summary>
public sealed class Refunding_a_charge
{
    private static ChargeRefunded Expected(Money amount, string op = "refund-1") =>
        new(op, Clock.Now, "charge-1", amount, City.LZ, Category.Retail, Requests.MerchantId, Clock.Earlier.AddMinutes(-2), "YB:case-1", "Dispute upheld: alighted early");

    [Fact]
    public void A_refund_gives_back_part_of_a_charge_and_names_its_case_city_and_tap_time()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"))
            .When(Refund(amount: Fen(120)))
            .ThenAppends(Expected(Fen(120)));

        after.HasBalanceAndDeposit(Yuan(9) + Fen(20), Yuan(20));
        Assert.True(after.Charges.TryGet("charge-1", out var charge));
        Assert.Equal((Yuan(2), Fen(120), Fen(80)), (charge.Amount, charge.Refunded, charge.Reversible));
    }

    [Fact]
    public void Refunds_and_reversals_of_one_charge_add_up_to_at_most_what_it_cost()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"), Reversed(Fen(50)), Refunded(Fen(100)))
            .When(Refund(amount: Fen(50)))
            .ThenAppends(Expected(Fen(50)));

        Assert.True(after.Charges.TryGet("charge-1", out var charge));
        Assert.Equal(Money.Zero, charge.Reversible);
        Assert.Equal(Yuan(10), after.Balance);
    }

    [Fact]
    public void A_second_refund_beyond_the_charge_is_refused_by_name()
    {
        Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"), Refunded(Yuan(2)))
            .When(Refund("refund-2", amount: Fen(1)))
            .ThenRejects(RejectionCode.RefundExceedsCharge);
    }

    [Fact]
    public void A_blocked_card_is_refunded_too()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"), Blocked())
            .When(Refund())
            .ThenAppends(Expected(Yuan(2)));

        Assert.Equal((CardStatus.Blocked, Yuan(10)), (after.Status, after.Balance));
    }

    [Fact]
    public void A_refunded_ride_is_frozen_so_no_late_tap_moves_its_fare_again()
    {
        var ride = Rides.Charged(Rides.Bus("ride-1", "ZG-1", Clock.Now.AddMinutes(-30)));
        var spec = Given(Issued(), ToppedUp(Yuan(10)), ride).When(Refund(charge: "ride-1", amount: ride.Amount));

        var refunded = CardEvolver.Fold(spec.State, Assert.IsType<CardDecision.Append>(spec.Decision).Events);
        Assert.False(spec.State.Rides.Rides.Single().Frozen);
        Assert.True(refunded.Rides.Rides.Single(r => r.Tap.OperationId == "ride-1").Frozen);
    }

    [Fact]
    public void A_retried_refund_is_a_replay_and_the_same_id_for_another_amount_a_conflict()
    {
        var given = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"), Refunded(Fen(120), op: "refund-1"));

        Assert.IsType<CardDecision.Replay>(given.When(Refund("refund-1", amount: Fen(120), caseId: "YB:case-0", reason: "Dispute upheld")).Decision);
        given.When(Refund("refund-1", amount: Fen(80))).ThenRejects(RejectionCode.OperationConflict);
    }
}
