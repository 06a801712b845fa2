using CityCard.Contracts;
using CityCard.Domain.Settlement;
using CityCard.Domain.Tests.Projection;
using static CityCard.Domain.Tests.Projection.Cards;

namespace CityCard.Domain.Tests.Settlement;

/// <summary>
/// The worked example of docs/concepts/settlement.md, figure for figure: one card per city on 26 November 2026,
/// default fee rates (transport 50 bp, retail 80 bp). If this test changes, the document changes with it.
/// </summary>
public sealed class HandWorkedDayTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    [Fact]
    public void A_small_day_across_the_four_cities_settles_as_worked_out_by_hand()
    {
        var report = SettleTheDay();

        Assert.Equal(
            ["ZG +1370", "LZ -2687", "NJ -6240", "YB +7557"],
            report.Positions.Select(p => $"{p.City} {p.Net.Fen:+0;-0}"));
        Assert.Equal(
            ["ZG->LZ Bus 300-0=300", "LZ->YB Coach 3500-500=3000", "NJ->ZG Retail 1250-0=1250", "NJ->YB TopUp 5000-0=5000", "YB->ZG Bus 430-0=430"],
            report.Bilateral.Select(b => $"{b.Payer}->{b.Payee} {b.Flow} {b.Amount.Fen}-{b.Reversed.Fen}={b.Gross.Fen}"));
        Assert.Equal(
            ["ZG/LZ Bus 300@50=2", "LZ/YB Coach 3000@50=15", "NJ/ZG Retail 1250@80=10", "YB/ZG Bus 430@50=2"],
            report.Fees.Select(f => $"{f.Issuer}/{f.Acquirer} {f.Category} {f.Gross.Fen}@{f.RateBps}={f.Fee.Fen}"));
        Assert.Equal(
            ["ZG->LZ 300-2=298", "LZ->YB 3000-15=2985", "NJ->ZG 1250-10=1240", "NJ->YB 5000-0=5000", "YB->ZG 430-2=428"],
            report.Dues.Select(d => $"{d.Payer}->{d.Payee} {d.Gross.Fen}-{d.Fees.Fen}={d.Due.Fen}"));
        Assert.Equal(
            ["ZG 2/12", "LZ 15/2", "NJ 10/0", "YB 2/15"],
            report.FeeTotals.Select(f => $"{f.City} {f.Income.Fen}/{f.Expense.Fen}"));
        Assert.Equal(
            ["ZG ZG-BUS Bus 430", "ZG ZG-SHOP-18 Retail 1250", "LZ LZ-BUS Bus 300", "YB YB-COACH Coach 3000", "YB YB-RAIL Rail 300"],
            report.Operators.Select(o => $"{o.City} {o.Merchant} {o.Category} {o.Payout.Fen}"));
    }

    [Fact]
    public void Zigongs_ledger_after_the_close_is_as_worked_out_by_hand()
    {
        var harness = new ClearingHarness(ClearingPolicy.Default with { AutoCloseAfter = null });
        SettleTheDay(harness);

        var balances = harness.Entries
            .Where(e => e.Ledger == City.ZG)
            .SelectMany(e => e.Postings)
            .GroupBy(p => p.Account.Code)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Aggregate(0L, (sum, p) => sum + p.Amount.Fen)}");

        Assert.Equal(
            ["1010 12000", "1210.NJ 1240", "1210.YB 428", "2010 -9700", "2020 -2000", "2110.ZG-BUS -430", "2110.ZG-SHOP-18 -1250", "2210.LZ -298", "4010 -2", "5010 12"],
            balances);
    }

    /// <summary>
    /// Issues one card per city, tops up (the YB card at an NJ kiosk), taps across cities (one coach fare partly
    /// reversed), closes the day at midnight and returns its settlement.
    /// </summary>
    internal static SettlementReport SettleTheDay(ClearingHarness? harness = null)
    {
        var h = harness ?? new ClearingHarness(ClearingPolicy.Default with { AutoCloseAfter = null });
        h.Append(Zg, Issued(Zg, 2000, China(26, 7)));
        h.Append(Lz, Issued(Lz, 2000, China(26, 7)));
        h.Append(Nj, Issued(Nj, 0, China(26, 7)));
        h.Append(Yb, Issued(Yb, 2000, China(26, 7)));
        h.Append(Zg, ToppedUp(10000, City.ZG, China(26, 8)));
        h.Append(Lz, ToppedUp(5000, City.LZ, China(26, 8)));
        h.Append(Nj, ToppedUp(3000, City.NJ, China(26, 8)));
        h.Append(Yb, ToppedUp(5000, City.NJ, China(26, 8)));
        h.Append(Zg, Charged(200, City.LZ, "LZ-BUS", Category.Bus, China(26, 9)));
        h.Append(Zg, Charged(100, City.LZ, "LZ-BUS", Category.Bus, China(26, 18)));
        h.Append(Lz, Charged(3500, City.YB, "YB-COACH", Category.Coach, China(26, 10), op: "coach"));
        h.Append(Lz, Reversed("coach", 500, City.YB, "YB-COACH", Category.Coach, China(26, 11)));
        h.Append(Nj, Charged(1250, City.ZG, "ZG-SHOP-18", Category.Retail, China(26, 12)));
        h.Append(Yb, Charged(300, City.YB, "YB-RAIL", Category.Rail, China(26, 13)));
        h.Append(Yb, Charged(430, City.ZG, "ZG-BUS", Category.Bus, China(26, 14)));

        h.Cycle(China(26, 20));
        h.Close(Day, China(27, 0, 5));
        h.Cycle(China(27, 0, 6));
        return h.Window(Day).Settlement ?? throw new InvalidOperationException("The day did not close.");
    }
}
