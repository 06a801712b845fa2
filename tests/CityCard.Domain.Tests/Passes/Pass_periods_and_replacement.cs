using CityCard.Domain.Passes;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>When passes are valid, in China Standard Time, and what a replacement card carries.</summary>
public sealed class Pass_periods_and_replacement
{
    [Fact]
    public void A_calendar_month_runs_from_00_00_CST_on_its_first_day_to_00_00_CST_on_the_next_months()
    {
        var february = Sold(City.ZG, "zg-monthly", "2027-01-20 10:00", month: "2027-02-14");

        Assert.Equal(new PassPeriod(At("2027-02-01 00:00"), At("2027-03-01 00:00")), PassPeriods.Of(february));
        Assert.Equal(28, PassPeriods.DaysOf(february));
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero), PassPeriods.Of(february)!.Value.Start);

        // 16:30 UTC on 31 January is 00:30 on 1 February in China: February's pass, not January's.
        var tap = Bus(City.ZG, "ZG-1", "2027-01-01 00:00") with { TappedAt = new DateTimeOffset(2027, 1, 31, 16, 30, 0, TimeSpan.Zero) };
        var january = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01");
        Assert.Equal(Money.FromFen(200), Price(Standard(City.ZG), tap, [january]).Charged);
        Assert.Equal(Money.Zero, Price(Standard(City.ZG), tap, [february]).Charged);
    }

    [Fact]
    public void A_day_counted_pass_counts_its_sale_or_first_use_day_as_day_one_and_ends_at_00_00_after_its_last()
    {
        var scenic = Sold(null, "scenic-park-12", "2027-01-02 23:30");
        var regional = Sold(null, "regional-bus-30", "2027-01-02 12:00");

        Assert.Equal(new PassPeriod(At("2027-01-02 23:30"), At("2028-01-02 00:00")), PassPeriods.Of(scenic));
        Assert.Null(PassPeriods.Of(regional));
        Assert.Equal(new PassPeriod(At("2027-01-10 23:59"), At("2027-02-09 00:00")), PassPeriods.Of(regional, At("2027-01-10 23:59")));
        Assert.Equal(At("2027-03-03 00:00"), PassPeriods.EndOf(regional));
    }

    [Fact]
    public void A_replacement_card_carries_every_pass_not_over_under_the_same_id_and_its_regional_pass_runs_on_from_its_first_use()
    {
        var regional = Sold(null, "regional-bus-30", "2027-01-02 12:00", passId: "R1");
        var old = new PassRider(Standard(City.ZG), PassBook.Empty
            .Sold(regional)
            .Sold(Sold(City.ZG, "zg-monthly", "2027-01-02 12:00", month: "2027-01-01", passId: "P1"))
            .Sold(Sold(City.ZG, "zg-monthly", "2027-01-02 12:00", month: "2027-02-01", passId: "P2"))
            .Sold(Sold(City.YB, "yb-monthly", "2027-01-02 12:00", month: "2027-01-01", passId: "P3") with { RefundedAt = At("2027-01-03 12:00") }));
        old.Ride(Bus(City.LZ, "LZ-1", "2027-01-10 18:00"));

        var carried = old.Passes.CarriedOver(At("2027-01-20 09:00"));

        Assert.Equal(["R1", "P1", "P2"], carried.Passes.Select(p => p.PassId));
        Assert.Equal(old.Passes.Find("R1"), carried.Find("R1"));
        Assert.Equal(["R1", "P2"], old.Passes.CarriedOver(At("2027-02-01 00:00")).Passes.Select(p => p.PassId));

        var replacement = new PassRider(Standard(City.ZG), carried);
        Assert.Equal(Money.Zero, replacement.Ride(Bus(City.YB, "YB-4", "2027-02-08 23:00")).Charged);
        Assert.Equal(Money.FromFen(200), replacement.Ride(Bus(City.YB, "YB-4", "2027-02-09 08:00")).Charged);
    }

    [Fact]
    public void A_card_forgets_a_pass_only_once_no_late_tap_can_reach_it()
    {
        var january = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01");
        var book = PassBook.Empty.Sold(january);

        Assert.Single(book.Forget(At("2027-04-03 23:59")).Passes);
        Assert.Empty(book.Forget(At("2027-04-04 00:01")).Passes);
    }
}
