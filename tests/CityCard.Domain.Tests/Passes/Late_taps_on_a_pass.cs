using CityCard.Domain.Passes;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// A late tap inside a pass's period: the later rides are priced again in ride order (decision 0006) with the passes,
/// so every ride ends as if all taps had arrived in order, and a covered ride whose would-be fare changes is adjusted
/// too (no money moves, but what the pass paid, which its price is apportioned by, does).
/// </summary>
public sealed class Late_taps_on_a_pass
{
    [Fact]
    public void A_late_tap_that_starts_the_regional_pass_earlier_ends_it_earlier_and_the_ride_at_the_old_end_is_charged()
    {
        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(Sold(null, "regional-bus-30", "2027-01-02 12:00", passId: "R1")));
        var first = Bus(City.LZ, "LZ-1", "2027-01-10 18:00");
        var last = Bus(City.YB, "YB-4", "2027-02-08 20:00");
        rider.RideAll([first, last]);
        Assert.Equal(Money.Zero, rider.Final[last.OperationId].Fare.Charged);

        var late = Bus(City.NJ, "NJ-2", "2027-01-09 22:00");
        var fare = rider.Ride(late);

        Assert.Equal(Money.Zero, fare.Charged);
        var adjustment = Assert.Single(rider.Adjustments);
        Assert.Equal((last.OperationId, Money.Zero, Money.FromFen(200), null), (adjustment.Ride, adjustment.Before, adjustment.After.Charged, PassLines.CoverOf(adjustment.After)));
        Assert.Equal(At("2027-01-09 22:00"), rider.Passes.Find("R1")!.FirstUsedAt);
        Assert.Equal(At("2027-02-08 00:00"), PassPeriods.Of(rider.Passes.Find("R1")!)!.Value.End);
    }

    [Fact]
    public void A_late_covered_tap_that_makes_a_later_covered_ride_a_transfer_adjusts_what_the_pass_paid_and_no_money()
    {
        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01", passId: "P1")));
        var later = Bus(City.ZG, "ZG-35", "2027-01-05 10:30");
        rider.Ride(later);
        Assert.Equal(Money.FromFen(300), PassLines.CoverOf(rider.Final[later.OperationId].Fare)!.Value.WouldHaveCost);

        rider.Ride(Bus(City.ZG, "ZG-1", "2027-01-05 10:00"));

        var adjustment = Assert.Single(rider.Adjustments);
        Assert.Equal((later.OperationId, Money.Zero, Money.Zero), (adjustment.Ride, adjustment.Before, adjustment.After.Charged));
        Assert.Equal([300L, -200L, -100L], adjustment.After.Lines.Select(l => l.Amount.Fen));
        Assert.Equal(Money.FromFen(200 + 100), rider.Uses.Aggregate(Money.Zero, (sum, u) => sum + u.Weight));
    }

    [Fact]
    public void A_late_tap_from_before_the_sale_is_paid_and_may_make_a_covered_ride_a_transfer()
    {
        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01")));
        var covered = Bus(City.ZG, "ZG-35", "2027-01-03 10:30");
        rider.Ride(covered);

        var late = rider.Ride(Bus(City.ZG, "ZG-1", "2027-01-03 09:59"));

        Assert.Equal((Money.FromFen(200), null), (late.Charged, PassLines.CoverOf(late)));
        Assert.Equal((Money.Zero, Money.FromFen(100)), (rider.Final[covered.OperationId].Fare.Charged, PassLines.CoverOf(rider.Final[covered.OperationId].Fare)!.Value.WouldHaveCost));
    }
}
