using CityCard.Domain.Passes;
using CsCheck;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// The pro-rata refund, exact in fen: price × whole days left after the refund's day / days of the period, rounded
/// down (entries left / entries for a pass that counts them), less the policy's refund fee.
/// </summary>
public sealed class Refunding_a_pass
{
    public static TheoryData<string, string, long, int, int, long> Quotes => new()
    {
        // pass, refunded at, pro rata, remaining, total, amount
        { "zg-monthly January", "2027-01-10 12:00", 4064, 21, 31, 3864 },          // 6000 × 21 / 31 = 4064.5…
        { "zg-monthly January", "2027-01-01 00:00", 5806, 30, 31, 5606 },          // the first day counts as used
        { "zg-monthly February, bought ahead", "2027-01-25 09:00", 6000, 28, 28, 5800 },
        { "regional not yet used", "2027-02-20 09:00", 15000, 30, 30, 14500 },
        { "regional started 01-10", "2027-01-20 09:00", 9500, 19, 30, 9000 },      // days 01-21 … 02-08
        { "scenic with 5 of 12 entries used", "2027-06-01 09:00", 7000, 7, 12, 6000 },
    };

    [Theory]
    [MemberData(nameof(Quotes))]
    public void The_refund_is_the_price_pro_rata_rounded_down_less_the_fee(string pass, string at, long proRata, int remaining, int total, long amount)
    {
        var quote = Assert.IsType<PassDecision<PassRefundQuote>.Accepted>(PassRefunds.Quote(Pass(pass), At(at))).Outcome;

        Assert.Equal((proRata, remaining, total, amount), (quote.ProRata.Fen, quote.Remaining, quote.Total, quote.Amount.Fen));
        Assert.Equal(quote.ProRata - quote.Fee, quote.Amount);
    }

    public static TheoryData<string, string, PassRejection> Refusals => new()
    {
        { "zg-monthly January", "2027-01-31 09:00", PassRejection.NothingToRefund },
        { "zg-monthly January, student", "2027-01-30 09:00", PassRejection.NothingToRefund },
        { "zg-monthly January", "2027-02-01 00:00", PassRejection.PassExpired },
        { "regional not yet used", "2027-03-03 00:00", PassRejection.PassExpired },
        { "regional started 01-10", "2027-02-09 00:00", PassRejection.PassExpired },
        { "zg-monthly January, refunded", "2027-01-20 09:00", PassRejection.PassAlreadyRefunded },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refund_that_gives_nothing_back_comes_too_late_or_a_second_time_is_refused_by_name(string pass, string at, PassRejection code) =>
        Assert.Equal(code, Assert.IsType<PassDecision<PassRefundQuote>.Refused>(PassRefunds.Quote(Pass(pass), At(at))).Code);

    [Fact]
    public void At_any_moment_the_refund_is_exactly_the_days_left_pro_rata_less_the_fee_and_never_grows()
    {
        var passes = new[] { "zg-monthly January", "zg-monthly February, bought ahead", "regional started 01-10", "regional not yet used" };
        Gen.Select(Gen.Int[0, passes.Length - 1], Gen.Int[0, 80 * 24 * 60], Gen.Int[1, 24 * 60]).Sample((which, minute, step) =>
        {
            var pass = Pass(passes[which]);
            var at = pass.SoldAt.AddMinutes(minute);
            var later = at.AddMinutes(step);

            var (refund, next) = (Amount(pass, at), Amount(pass, later));
            Assert.Equal(Expected(pass, at), refund);
            Assert.True(next <= refund, $"{passes[which]}: {refund} at {at.ToChinaTime():MM-dd HH:mm}, {next} later");
        }, iter: 500);
    }

    /// <summary>An independent count of the days left: walk the calendar from the day after the refund to the period's last day.</summary>
    private static long Expected(HeldPass pass, DateTimeOffset at)
    {
        var end = PassPeriods.EndOf(pass);
        if (at >= end)
        {
            return 0;
        }

        var period = PassPeriods.Of(pass);
        var total = PassPeriods.DaysOf(pass);
        var left = 0;
        for (var day = ChinaTime.DateOf(at).AddDays(1); period is { } p && PassPeriods.Midnight(day) < p.End; day = day.AddDays(1))
        {
            left++;
        }

        if (period is null || at < period.Value.Start && ChinaTime.DateOf(at) < ChinaTime.DateOf(period.Value.Start))
        {
            left = total;
        }

        return Math.Max(0, (pass.Price.Fen * Math.Min(left, total) / total) - pass.Terms.RefundFee.Fen);
    }

    private static long Amount(HeldPass pass, DateTimeOffset at) =>
        PassRefunds.Quote(pass, at) is PassDecision<PassRefundQuote>.Accepted a ? a.Outcome.Amount.Fen : 0;

    public static HeldPass Pass(string which) => which switch
    {
        "zg-monthly January" => Sold(City.ZG, "zg-monthly", "2026-12-28 10:00", month: "2027-01-01"),
        "zg-monthly January, student" => Sold(City.ZG, "zg-monthly", "2026-12-28 10:00", cardProduct: "student", month: "2027-01-01"),
        "zg-monthly January, refunded" => Sold(City.ZG, "zg-monthly", "2026-12-28 10:00", month: "2027-01-01") with { RefundedAt = At("2027-01-15 10:00"), Refunded = Money.FromFen(2700) },
        "zg-monthly February, bought ahead" => Sold(City.ZG, "zg-monthly", "2027-01-20 10:00", month: "2027-02-01"),
        "regional not yet used" => Sold(null, "regional-bus-30", "2027-01-02 12:00"),
        "regional started 01-10" => Sold(null, "regional-bus-30", "2027-01-02 12:00").Used(At("2027-01-10 18:00"), countsAsEntry: false),
        "scenic with 5 of 12 entries used" => Sold(null, "scenic-park-12", "2027-01-02 12:00") with { EntriesUsed = 5, FirstUsedAt = At("2027-01-05 10:00") },
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, "No such pass."),
    };
}
