using CityCard.Domain.Ledger;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CityCard.Domain.Settlement;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// The apportionment of a pass's price among the operators the holder rode with, and its postings. The first test is
/// the worked example of docs/concepts/passes.md, figure for figure: if it changes, the document changes with it.
/// </summary>
public sealed class Apportioning_a_pass
{
    [Fact]
    public void A_zigong_regional_pass_used_in_all_four_cities_pays_each_citys_bus_operator_through_the_settlement_as_worked_by_hand()
    {
        var (pass, rider) = TheWorkedExample();

        // 28 covered rides would have cost 57.00: ZG 10 × 2.00, LZ 6 × 2.50, NJ 4 × 1.50, YB 8 × 2.00.
        Assert.Equal(28, rider.Uses.Count);
        // Paid: the Yibin rail ride (not a bus) and the bus after the pass ran out at 00:00 on 9 February.
        Assert.Equal(400L, rider.Paid.Fen);

        var slice = Assert.Single(PassSlices.Of(rider.Passes.Find("R1")!, At("2027-02-09 00:00")));
        Assert.Equal((At("2027-01-10 18:00"), At("2027-02-09 00:00"), true), (slice.Start, slice.End, slice.IsLast));

        var apportioned = PassApportionment.Apportion(rider.Passes.Find("R1")!, slice, rider.Uses);
        Assert.Equal(
            ["ZG ZG-BUS Bus 10×2000 5263", "LZ LZ-BUS Bus 6×1500 3947", "NJ NJ-BUS Bus 4×600 1579", "YB YB-BUS Bus 8×1600 4211"],
            apportioned.Shares.Select(s => $"{s.Operator.City} {s.Operator.OperatorId} {s.Operator.Category} {s.Uses}×{s.Weight.Fen} {s.Share.Fen}"));
        Assert.Equal((15000L, 0L), (apportioned.Value.Fen, apportioned.Unused.Fen));

        // Sold on 2 January (its window), apportioned on 9 February (its window): each settles in its own.
        var sale = new PassLedger(new DateOnly(2027, 1, 2)).Post(PassPostings.Sale(City.ZG, pass.Issuer, pass.Price));
        Assert.Equal(["2010 15000", "2040 -15000"], sale.Balances(City.ZG));
        Assert.All(sale.Close().Positions, p => Assert.Equal(Money.Zero, p.Net));

        var february = new PassLedger(new DateOnly(2027, 2, 9)).Post(PassPostings.Apportionment(apportioned));
        var report = february.Close();
        Assert.Equal(["ZG -9688", "LZ +3927", "NJ +1571", "YB +4190"], report.Positions.Select(p => $"{p.City} {p.Net.Fen:+0;-0}"));
        Assert.Equal(
            ["ZG->LZ Pass:Bus 3947", "ZG->NJ Pass:Bus 1579", "ZG->YB Pass:Bus 4211"],
            report.Bilateral.Select(b => $"{b.Payer}->{b.Payee} {b.Flow} {b.Gross.Fen}"));
        Assert.Equal(["ZG/LZ Bus 3947@50=20", "ZG/NJ Bus 1579@50=8", "ZG/YB Bus 4211@50=21"], report.Fees.Select(f => $"{f.Issuer}/{f.Acquirer} {f.Category} {f.Gross.Fen}@{f.RateBps}={f.Fee.Fen}"));
        Assert.Equal(
            ["ZG ZG-BUS Bus 5263", "LZ LZ-BUS Bus 3947", "NJ NJ-BUS Bus 1579", "YB YB-BUS Bus 4211"],
            report.Operators.Select(o => $"{o.City} {o.Merchant} {o.Category} {o.Payout.Fen}"));
        Assert.Equal(
            ["1210.ZG 4190", "2110.YB-BUS -4211", "5010 21"],
            february.Balances(City.YB));
        Assert.Equal(
            ["2040 15000", "2110.ZG-BUS -5263", "2210.LZ -3927", "2210.NJ -1571", "2210.YB -4190", "4010 -49"],
            february.Balances(City.ZG));
    }

    /// <summary>The worked example's card: a Zigong card buys the regional pass (150.00) on 2 January and rides from 10 January.</summary>
    internal static (HeldPass Pass, PassRider Rider) TheWorkedExample()
    {
        var pass = Sold(null, "regional-bus-30", "2027-01-02 10:00", passId: "R1");
        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(pass));
        var lz = new[] { "01-10 18:00", "01-11 08:00", "01-11 18:00", "01-12 08:00", "01-12 18:00", "01-13 08:00" };
        rider.RideAll(lz.Select(t => Bus(City.LZ, "LZ-1", $"2027-{t}")));
        rider.RideAll(Enumerable.Range(14, 10).Select(d => Bus(City.ZG, "ZG-1", $"2027-01-{d} 08:00")));
        rider.RideAll(Enumerable.Range(24, 4).Select(d => Bus(City.NJ, "NJ-2", $"2027-01-{d} 08:00")));
        rider.RideAll(new[] { "01-28", "01-29", "01-30", "01-31", "02-01", "02-02", "02-03", "02-04" }.Select(d => Bus(City.YB, "YB-4", $"2027-{d} 08:00")));
        rider.Ride(Rail(City.YB, "YB-GT", "YB-DJ", "2027-02-05 09:00"));
        rider.Ride(Bus(City.ZG, "ZG-1", "2027-02-09 08:00"));
        return (pass, rider);
    }

    [Fact]
    public void A_month_with_no_covered_ride_is_all_unused_value_the_issuers_revenue()
    {
        var january = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01");

        var slice = Assert.Single(PassSlices.Of(january, At("2027-02-01 00:00")));
        var apportioned = PassApportionment.Apportion(january, slice, []);

        Assert.Equal((6000L, 6000L), (apportioned.Value.Fen, apportioned.Unused.Fen));
        Assert.Empty(apportioned.Shares);
        var ledger = new PassLedger(new DateOnly(2027, 2, 1)).Post(PassPostings.Apportionment(apportioned));
        Assert.Equal(["2040 6000", "4020 -6000"], ledger.Balances(City.ZG));
        Assert.Empty(PassSlices.Of(january, At("2027-01-31 23:59")));
    }

    [Fact]
    public void A_regional_pass_never_used_is_unused_value_once_no_late_tap_from_before_its_deadline_can_start_it()
    {
        var regional = Sold(null, "regional-bus-30", "2027-01-02 12:00", issuer: City.NJ);

        // The deadline is 00:00 on 3 March; a tap of 2 March may be uploaded until 00:00 on 3 April and start the pass.
        Assert.Empty(PassSlices.Of(regional, At("2027-04-02 23:59")));
        var slice = Assert.Single(PassSlices.Of(regional, At("2027-04-03 00:00")));
        Assert.Equal((At("2027-01-02 12:00"), At("2027-03-03 00:00")), (slice.Start, slice.End));
        var apportioned = PassApportionment.Apportion(regional, slice, []);

        Assert.Equal((City.NJ, 15000L, 15000L), (apportioned.Issuer, apportioned.Value.Fen, apportioned.Unused.Fen));
    }

    [Fact]
    public void A_refunded_pass_apportions_what_it_kept_to_the_operators_of_its_rides_until_the_refund()
    {
        var rider = new PassRider(Standard(City.ZG), PassBook.Empty.Sold(Sold(City.ZG, "zg-monthly", "2026-12-28 10:00", month: "2027-01-01", passId: "P1")));
        rider.Ride(Bus(City.ZG, "ZG-1", "2027-01-05 08:00"));
        rider.Ride(Bus(City.ZG, "ZG-35", "2027-01-08 08:00"));
        var quote = Assert.IsType<PassDecision<PassRefundQuote>.Accepted>(PassRefunds.Quote(rider.Passes.Find("P1")!, At("2027-01-10 12:00"))).Outcome;
        var refunded = rider.Passes.Refunded("P1", At("2027-01-10 12:00"), quote.Amount).Find("P1")!;

        var slice = Assert.Single(PassSlices.Of(refunded, At("2027-01-10 12:00")));
        var apportioned = PassApportionment.Apportion(refunded, slice, rider.Uses);

        // 60.00 − (40.64 − 2.00 fee) = 21.36, split 2.00 : 3.00 between the routes' operator and category — one operator here.
        Assert.Equal((At("2027-01-10 12:00"), 2136L), (slice.End, apportioned.Value.Fen));
        Assert.Equal(["ZG-BUS 2136"], apportioned.Shares.Select(s => $"{s.Operator.OperatorId} {s.Share.Fen}"));
        var ledger = new PassLedger(new DateOnly(2027, 1, 10))
            .Post(PassPostings.Sale(City.ZG, City.ZG, refunded.Price))
            .Post(PassPostings.Refund(City.ZG, City.ZG, refunded.Refunded))
            .Post(PassPostings.Apportionment(apportioned));
        Assert.Equal(["2010 2136", "2110.ZG-BUS -2136"], ledger.Balances(City.ZG));
    }

    [Fact]
    public void An_entry_pass_earns_by_entries_each_month_and_its_unused_entries_are_unused_value_at_its_end()
    {
        var scenic = Sold(null, "scenic-park-12", "2027-01-02 12:00", issuer: City.YB, passId: "S1");
        var uses = new[]
        {
            new PassUse("e1", "S1", City.YB, "YB-SITE-1", Category.ScenicSite, At("2027-01-05 10:00"), Money.FromFen(6000)),
            new PassUse("e2", "S1", City.ZG, "ZG-PARK-2", Category.Park, At("2027-01-06 10:00"), Money.FromFen(2000)),
            new PassUse("e3", "S1", City.ZG, "ZG-PARK-2", Category.Park, At("2027-01-07 10:00"), Money.FromFen(2000)),
        };
        var held = scenic with { FirstUsedAt = uses[0].TappedAt, EntriesUsed = 3 };

        var slices = PassSlices.Of(held, At("2028-01-02 00:00"));
        var results = slices.Select(s => PassApportionment.Apportion(held, s, uses)).ToList();

        Assert.Equal(13, slices.Count);
        Assert.Equal((At("2027-01-02 12:00"), At("2027-02-01 00:00")), (slices[0].Start, slices[0].End));
        Assert.Equal(["ZG ZG-PARK-2 1200", "YB YB-SITE-1 1800"], results[0].Shares.Select(s => $"{s.Operator.City} {s.Operator.OperatorId} {s.Share.Fen}"));
        Assert.All(results.Skip(1).SkipLast(1), r => Assert.Equal(Money.Zero, r.Value));
        Assert.Equal((9000L, 9000L), (results[^1].Value.Fen, results[^1].Unused.Fen));
        Assert.Equal(12000L, results.Sum(r => r.Value.Fen));
    }

    [Fact]
    public void A_pass_longer_than_a_month_earns_by_the_days_of_each_calendar_month_and_the_months_add_up_to_its_price()
    {
        // A year's unlimited Zigong bus pass (no such product yet in the files): 365 days from 2 January, 1,000.00.
        var terms = new PassTerms("zg-year", "Zigong year pass", "ZG@2027-01-01", PassValidity.DaysFromSale, 365, 0, [City.ZG], [Category.Bus], [], null, Money.Zero);
        var year = new HeldPass("Y1", CardOf(City.ZG), City.ZG, terms, ProductCode.Standard, Money.FromYuan(1_000), At("2027-01-02 23:30"), At("2027-01-02 23:30"));
        var use = new PassUse("r1", "Y1", City.ZG, "ZG-BUS", Category.Bus, At("2027-03-03 08:00"), Money.FromFen(200));

        var slices = PassSlices.Of(year, At("2028-01-02 00:00"));
        var values = slices.Select(s => PassApportionment.Apportion(year, s, [use]).Value.Fen).ToList();

        Assert.Equal([30, 58, 89], slices.Take(3).Select(s => s.DaysThrough));
        Assert.Equal(100_000L * 30 / 365, values[0]);
        Assert.Equal((100_000L * 58 / 365) - (100_000L * 30 / 365), values[1]);
        Assert.Equal(100_000L, values.Sum());
        Assert.Equal(values[2], PassApportionment.Apportion(year, slices[2], [use]).Shares.Single().Share.Fen);
    }

    [Fact]
    public void A_covered_ride_uploaded_after_its_slice_was_apportioned_is_posted_as_the_difference_in_the_window_of_the_correction()
    {
        var (_, rider) = TheWorkedExample();
        var pass = rider.Passes.Find("R1")!;
        var slice = PassSlices.Of(pass, At("2027-02-09 00:00"))[0];
        var first = PassApportionment.Apportion(pass, slice, rider.Uses);

        var late = new PassUse("late", "R1", City.NJ, "NJ-BUS", Category.Bus, At("2027-02-08 20:00"), Money.FromFen(150));
        var again = PassApportionment.Apportion(pass, slice, [.. rider.Uses, late]);
        var (changes, unused) = again.Since(first);

        Assert.Equal(Money.Zero, changes.Aggregate(unused, (sum, c) => sum + c.Change));
        // Weights 20.00, 15.00, 7.50, 16.00 now: 5128, 3846, 1923 and 4102 + the last fen (remainder .564) = 4103.
        Assert.Equal(["ZG-BUS -135", "LZ-BUS -101", "NJ-BUS +344", "YB-BUS -108"], changes.Select(c => $"{c.Operator.OperatorId} {c.Change.Fen:+0;-0}"));
        var ledger = new PassLedger(new DateOnly(2027, 2, 20)).Post(PassPostings.Correction(first, again));
        Assert.Equal(["2110.ZG-BUS 135", "2210.LZ 101", "2210.NJ -344", "2210.YB 108"], ledger.Balances(City.ZG));
        Assert.Equal(Money.Zero, ledger.Close().Positions.Aggregate(Money.Zero, (sum, p) => sum + p.Net));
    }

    [Fact]
    public void A_luzhou_card_buying_zigongs_monthly_pass_pays_zigong_through_the_settlement_of_its_window_and_a_refund_is_shown_reversed_as_a_fares_is()
    {
        var pass = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", issuer: City.LZ, month: "2027-01-01");

        var sale = new PassLedger(new DateOnly(2027, 1, 3)).Post(PassPostings.Sale(City.LZ, pass.Issuer, pass.Price));
        var report = sale.Close();

        Assert.Equal(["2010 6000", "2210.ZG -6000"], sale.Balances(City.LZ));
        Assert.Equal(["1210.LZ 6000", "2040 -6000"], sale.Balances(City.ZG));
        Assert.Equal(["LZ->ZG PassSale 6000"], report.Bilateral.Select(b => $"{b.Payer}->{b.Payee} {b.Flow} {b.Gross.Fen}"));
        Assert.Equal(["LZ->ZG 6000-0=6000"], report.Dues.Select(d => $"{d.Payer}->{d.Payee} {d.Gross.Fen}-{d.Fees.Fen}={d.Due.Fen}"));
        Assert.Empty(report.Fees);

        var refund = new PassLedger(new DateOnly(2027, 1, 10)).Post(PassPostings.Refund(City.LZ, pass.Issuer, Money.FromFen(3864)));
        Assert.Equal(["LZ->ZG PassSale 0-3864=-3864"], refund.Close().Bilateral.Select(b => $"{b.Payer}->{b.Payee} {b.Flow} {b.Amount.Fen}-{b.Reversed.Fen}={b.Gross.Fen}"));
        Assert.Equal(["2010 -3864", "2210.ZG 3864"], refund.Balances(City.LZ));
    }

    public static TheoryData<long, long[], long[]> Splits => new()
    {
        { 100, [1, 1, 1], [34, 33, 33] },          // two fen left over go to the first two of a three-way tie
        { 15000, [2000, 1500, 600, 1600], [5263, 3947, 1579, 4211] },
        { 10, [3, 0, 7], [3, 0, 7] },
        { 0, [5, 5], [0, 0] },
        { 7, [1, 2], [2, 5] },                      // 2.33 and 4.67: the larger remainder takes the fen
        { 1, [2, 2], [1, 0] },
        { 1, [1, 2], [0, 1] },                      // remainders 1/3 and 2/3
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void The_largest_remainder_split_gives_every_fen_once_by_a_stated_tie_break(long total, long[] weights, long[] shares) =>
        Assert.Equal(shares, LargestRemainder.Split(total, weights));
}
