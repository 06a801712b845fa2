using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// The fare engine with passes, ride by ride: a covered ride is priced as without the pass, then the pass pays the
/// rest (a line naming the pass and the version defining it), so it costs 0; a ride outside the pass is priced as
/// today; caps count only what was paid. Fares from policies/*.json, version 2027-01-01.
/// </summary>
public sealed class Riding_on_a_pass
{
    private static readonly HeldPass ZgJanuary = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01", passId: "P1");

    [Fact]
    public void A_covered_ride_costs_0_with_a_line_naming_the_pass_and_the_version_that_defines_it()
    {
        var fare = Price(Standard(City.ZG), Bus(City.ZG, "ZG-35", "2027-01-05 08:00"), [ZgJanuary]);

        Assert.Equal(Money.Zero, fare.Charged);
        Assert.Equal(
            [(FareLineKind.Base, 300L, "ZG@2027-01-01", "bus.routeClasses.suburban (route ZG-35)"), (FareLineKind.Pass, -300L, "ZG@2027-01-01", "passes.zg-monthly (pass P1)")],
            fare.Lines.Select(l => (l.Kind, l.Amount.Fen, l.Policy, l.Rule)));
        Assert.Equal(("P1", "zg-monthly", Money.FromFen(300)), PassLines.CoverOf(fare));
    }

    [Fact]
    public void The_pass_pays_what_the_ride_would_have_cost_after_the_concession()
    {
        var student = new FareCard(City.ZG, ProductCode.Student);
        var pass = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", cardProduct: "student", month: "2027-01-01");

        var fare = Price(student, Bus(City.ZG, "ZG-1", "2027-01-05 08:00"), [pass]);

        Assert.Equal([200L, -100L, -100L], fare.Lines.Select(l => l.Amount.Fen));
        Assert.Equal((Money.FromFen(100), Money.Zero), (fare.Concession, fare.Charged));
    }

    [Fact]
    public void Yibins_monthly_pass_covers_its_rail_too()
    {
        var pass = Sold(City.YB, "yb-monthly", "2027-01-03 10:00", issuer: City.YB, month: "2027-01-01");

        var fare = Price(Standard(City.YB), Rail(City.YB, "YB-GT", "YB-XZ", "2027-01-05 08:00"), [pass]);

        Assert.Equal((Money.FromFen(500), Money.Zero), (-PassLine(fare)!.Amount, fare.Charged));
    }

    public static TheoryData<string, string> OutsideTheMonthlyPass => new()
    {
        { "a ZG bike", "bike" },
        { "a ZG coach", "coach" },
        { "an LZ bus", "lz-bus" },
        { "a ZG bus before the sale (uploaded late)", "before-sale" },
        { "a ZG bus at 00:00 on the next month's first day", "next-month" },
    };

    [Theory]
    [MemberData(nameof(OutsideTheMonthlyPass))]
    public void A_ride_outside_the_pass_is_priced_exactly_as_without_it(string what, string which)
    {
        var tap = which switch
        {
            "bike" => Bike(City.ZG, "2027-01-05 08:00", 150),
            "coach" => Coach(City.ZG, "ZG-CS", "LZ-CS", "2027-01-05 08:00"),
            "lz-bus" => Bus(City.LZ, "LZ-K2", "2027-01-05 08:00"),
            "before-sale" => Bus(City.ZG, "ZG-1", "2027-01-03 09:59"),
            _ => Bus(City.ZG, "ZG-1", "2027-02-01 00:00"),
        };

        var fare = Price(Standard(City.ZG), tap, [ZgJanuary]);

        Assert.True(fare.Charged.IsPositive, what);
        Assert.Equal(PriceWithout(Standard(City.ZG), tap), fare);
    }

    [Fact]
    public void The_last_minute_of_the_month_is_covered_and_a_month_bought_ahead_starts_on_its_first_day()
    {
        var february = Sold(City.ZG, "zg-monthly", "2027-01-20 12:00", month: "2027-02-10");

        Assert.Equal(Money.Zero, Price(Standard(City.ZG), Bus(City.ZG, "ZG-1", "2027-01-31 23:59"), [ZgJanuary]).Charged);
        Assert.Equal(Money.FromFen(200), Price(Standard(City.ZG), Bus(City.ZG, "ZG-1", "2027-01-25 08:00"), [february]).Charged);
        Assert.Equal(Money.Zero, Price(Standard(City.ZG), Bus(City.ZG, "ZG-1", "2027-02-01 00:00"), [february]).Charged);
        Assert.Equal(Money.Zero, Price(Standard(City.ZG), Bus(City.ZG, "ZG-1", "2027-02-28 23:59"), [february]).Charged);
    }

    [Fact]
    public void Caps_count_only_what_was_paid_so_covered_buses_leave_the_bikes_to_pay_up_to_their_ceiling()
    {
        // Six suburban buses (3.00 each, one route: no transfers) then two five-hour bikes (4.00 each). Without a pass
        // the buses fill Zigong's 10.00 daily cap and the bikes cost nothing; with it the buses are free, count 0, and
        // the bikes pay 4.00 and 1.00 (the 5.00 bike ceiling).
        var buses = Enumerable.Range(0, 6).Select(h => Bus(City.ZG, "ZG-35", $"2027-01-05 {7 + (2 * h):D2}:00")).ToList();
        var bikes = new[] { Bike(City.ZG, "2027-01-05 19:00", 300), Bike(City.ZG, "2027-01-05 20:00", 300) };

        var withPass = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(ZgJanuary)).RideAll([.. buses, .. bikes]);
        var without = new PassRider(Standard(City.ZG), PassBook.Empty).RideAll([.. buses, .. bikes]);

        Assert.All(buses, b => Assert.Equal((Money.Zero, Money.FromFen(-300)), (withPass.Final[b.OperationId].Fare.Charged, PassLine(withPass.Final[b.OperationId].Fare)!.Amount)));
        Assert.Equal([400L, 100L], bikes.Select(b => withPass.Final[b.OperationId].Fare.Charged.Fen));
        Assert.Equal([300L, 300L, 300L, 100L, 0L, 0L, 0L, 0L], buses.Concat(bikes).Select(t => without.Final[t.OperationId].Fare.Charged.Fen));
    }

    [Fact]
    public void A_covered_ride_after_the_regional_cap_is_reached_would_have_cost_nothing_and_is_still_named()
    {
        // 20.00 paid in Yibin and Luzhou fills the regional daily cap; a Zigong bus on the Zigong pass after that.
        var taps = new[]
        {
            Rail(City.YB, "YB-GT", "YB-XZ", "2027-01-06 07:00"), Rail(City.YB, "YB-GT", "YB-XZ", "2027-01-06 09:00"), Rail(City.YB, "YB-GT", "YB-XZ", "2027-01-06 11:00"),
            Bus(City.LZ, "LZ-K2", "2027-01-06 13:00"), Bus(City.LZ, "LZ-K2", "2027-01-06 15:00"), Bus(City.LZ, "LZ-K2", "2027-01-06 17:00"),
            Bus(City.ZG, "ZG-1", "2027-01-06 20:00"),
        };

        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(ZgJanuary)).RideAll(taps);
        var zg = rider.Final[taps[^1].OperationId].Fare;

        Assert.Equal([500L, 500L, 200L, 350L, 350L, 100L, 0L], taps.Select(t => rider.Final[t.OperationId].Fare.Charged.Fen));
        Assert.Equal([(FareLineKind.Base, 200L), (FareLineKind.Cap, -200L), (FareLineKind.Pass, 0L)], zg.Lines.Select(l => (l.Kind, l.Amount.Fen)));
        Assert.Equal("dailyCap", zg.Lines[1].Rule);
    }

    [Fact]
    public void A_covered_ride_after_a_paid_one_is_a_transfer_the_pass_pays_nothing_for_and_a_covered_ride_still_starts_a_transfer()
    {
        var bike = Bike(City.ZG, "2027-01-05 09:00", 90);
        var bus = Bus(City.ZG, "ZG-1", "2027-01-05 10:40");
        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(ZgJanuary)).RideAll([bike, bus]);

        var covered = rider.Final[bus.OperationId].Fare;
        Assert.Equal([(FareLineKind.Base, 200L), (FareLineKind.Transfer, -200L), (FareLineKind.Pass, 0L)], covered.Lines.Select(l => (l.Kind, l.Amount.Fen)));
        Assert.True(covered.IsTransfer);

        var bus2 = Bus(City.ZG, "ZG-3", "2027-01-07 10:00");
        var bike2 = Bike(City.ZG, "2027-01-07 10:30", 120);
        rider.RideAll([bus2, bike2]);
        Assert.Equal(PriceWithout(Standard(City.ZG), bike2, [RideRecord.Of(bus2, PriceWithout(Standard(City.ZG), bus2))]), rider.Final[bike2.OperationId].Fare);
        Assert.Equal(Money.Zero, rider.Final[bike2.OperationId].Fare.Charged);
    }

    [Fact]
    public void The_regional_pass_starts_at_its_first_ride_and_covers_the_buses_of_all_four_cities_for_30_days()
    {
        var regional = Sold(null, "regional-bus-30", "2027-01-02 12:00", passId: "R1");
        var taps = new[]
        {
            Bus(City.LZ, "LZ-1", "2027-01-10 18:00"), Bus(City.YB, "YB-4", "2027-01-20 08:00"), Bus(City.NJ, "NJ-2", "2027-01-25 08:00"),
            Bus(City.YB, "YB-4", "2027-02-08 23:30"), Bus(City.NJ, "NJ-2", "2027-02-09 00:05"), Rail(City.YB, "YB-GT", "YB-DJ", "2027-01-20 12:00"),
        };

        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(regional)).RideAll(taps);

        Assert.Equal([0L, 0L, 0L, 0L, 150L, 200L], taps.Select(t => rider.Final[t.OperationId].Fare.Charged.Fen));
        Assert.Equal(At("2027-01-10 18:00"), rider.Passes.Find("R1")!.FirstUsedAt);
        Assert.Equal(new PassPeriod(At("2027-01-10 18:00"), At("2027-02-09 00:00")), PassPeriods.Of(rider.Passes.Find("R1")!));
    }

    [Fact]
    public void A_regional_pass_never_used_within_60_days_of_its_sale_expires_unused()
    {
        var regional = Sold(null, "regional-bus-30", "2027-01-02 12:00");

        Assert.Equal(Money.Zero, Price(Standard(City.ZG), Bus(City.LZ, "LZ-1", "2027-03-02 23:50"), [regional]).Charged);
        Assert.Equal(Money.FromFen(250), Price(Standard(City.ZG), Bus(City.LZ, "LZ-1", "2027-03-03 00:10"), [regional]).Charged);
        Assert.Equal(At("2027-03-03 00:00"), PassPeriods.ActivationDeadline(regional));
    }

    [Fact]
    public void A_monthly_pass_is_used_before_a_regional_pass_it_would_otherwise_start()
    {
        var regional = Sold(null, "regional-bus-30", "2027-01-02 12:00", passId: "R1");
        var book = PassBook.Empty.Sold(regional).Sold(ZgJanuary);
        var zg = Bus(City.ZG, "ZG-1", "2027-01-05 08:00");
        var lz = Bus(City.LZ, "LZ-1", "2027-01-05 12:00");

        var rider = new PassRider(Standard(City.ZG), book).RideAll([zg, lz]);

        Assert.Equal("P1", PassLines.CoverOf(rider.Final[zg.OperationId].Fare)!.Value.PassId);
        Assert.Equal("R1", PassLines.CoverOf(rider.Final[lz.OperationId].Fare)!.Value.PassId);
        Assert.Equal(At("2027-01-05 12:00"), rider.Passes.Find("R1")!.FirstUsedAt);
        Assert.Equal(At("2027-01-05 08:00"), rider.Passes.Find("P1")!.FirstUsedAt);
    }

    [Fact]
    public void The_scenic_pass_covers_12_entries_at_sites_and_parks_in_every_city_after_the_discount_then_entries_are_paid()
    {
        var scenic = Sold(null, "scenic-park-12", "2027-01-02 12:00", issuer: City.YB, cardProduct: "senior", passId: "S1");
        var rider = new PassRider(new FareCard(City.YB, ProductCode.Senior), PassBook.Empty.Sold(scenic));

        var first = rider.Enter(City.YB, Category.ScenicSite, "YB-SITE-1", Money.FromFen(6000), At("2027-01-05 10:00"));
        var entries = Enumerable.Range(1, 11).Select(d => rider.Enter(City.ZG, Category.Park, "ZG-PARK-2", Money.FromFen(1000), At($"2027-02-{d:D2} 10:00"))).ToList();
        var thirteenth = rider.Enter(City.ZG, Category.Park, "ZG-PARK-2", Money.FromFen(1000), At("2027-03-01 10:00"));
        var cinema = rider.Enter(City.ZG, Category.Cinema, "ZG-CINEMA", Money.FromFen(4000), At("2027-03-01 20:00"));

        Assert.Equal([(FareLineKind.Base, 6000L), (FareLineKind.Concession, -3000L), (FareLineKind.Pass, -3000L)], first.Lines.Select(l => (l.Kind, l.Amount.Fen)));
        Assert.All(entries, e => Assert.Equal((Money.Zero, Money.FromFen(-1000)), (e.Charged, PassLine(e)!.Amount)));
        Assert.Equal((Money.FromFen(1000), null), (thirteenth.Charged, PassLine(thirteenth)));
        Assert.Equal(Money.FromFen(4000), cinema.Charged);
        Assert.Equal((12, 0), (rider.Passes.Find("S1")!.EntriesUsed, rider.Passes.Find("S1")!.EntriesLeft!.Value));
    }

    [Fact]
    public void A_refunded_pass_covers_nothing_from_its_refund_on()
    {
        var refunded = ZgJanuary with { RefundedAt = At("2027-01-10 12:00"), Refunded = Money.FromFen(3000) };

        Assert.Equal(Money.Zero, Price(Standard(City.ZG), Bus(City.ZG, "ZG-1", "2027-01-10 11:59"), [refunded]).Charged);
        Assert.Equal(Money.FromFen(200), Price(Standard(City.ZG), Bus(City.ZG, "ZG-1", "2027-01-10 12:00"), [refunded]).Charged);
    }
}
