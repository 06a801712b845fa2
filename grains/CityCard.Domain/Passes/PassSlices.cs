using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Passes;

/// <summary>
/// The slices a pass is apportioned in (decision 0061): a pass of 31 days or fewer in one, at the end of its period;
/// a longer one by calendar month (CST), each at the month's end. A refund ends the last slice at the refund; a
/// first-use pass never used is one slice from its sale to its activation deadline (or its refund), all unused.
/// Only slices that have ended may be apportioned. A first-use pass never used has none until no tap can start it any
/// more: a tap from before its deadline may be uploaded up to <see cref="CardLimits.MaxTapAge"/> late and start it (which
/// would give it a period, not a correction of an unused slice).
/// </summary>
public static class PassSlices
{
    /// <summary>The longest period apportioned in one go.</summary>
    public const int MaxDaysInOneSlice = 31;

    public static IReadOnlyList<PassSlice> Of(HeldPass pass, DateTimeOffset now)
    {
        if (PassPeriods.Of(pass) is not { } period)
        {
            var end = pass.RefundedAt ?? PassPeriods.ActivationDeadline(pass)!.Value;
            var final = pass.RefundedAt is null ? end + CardLimits.MaxTapAge : end;
            return final <= now ? [new PassSlice(1, pass.SoldAt, end, IsLast: true, 0, 0)] : [];
        }

        var start = period.Start > pass.SoldAt ? period.Start : pass.SoldAt;
        if (pass.RefundedAt is { } refunded && refunded <= start)
        {
            return refunded <= now ? [new PassSlice(1, pass.SoldAt, refunded, IsLast: true, 0, 0)] : [];
        }

        var stop = pass.RefundedAt is { } r && r < period.End ? r : period.End;
        var firstDay = ChinaTime.DateOf(period.Start);
        var total = PassPeriods.DaysOf(pass);
        var bounds = new List<DateTimeOffset> { start };
        if (total > MaxDaysInOneSlice)
        {
            for (var month = PassPeriods.FirstDayOfMonth(firstDay).AddMonths(1); PassPeriods.Midnight(month) < stop; month = month.AddMonths(1))
            {
                bounds.Add(PassPeriods.Midnight(month));
            }
        }

        bounds.Add(stop);
        var slices = new List<PassSlice>();
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var isLast = i + 2 == bounds.Count;
            var before = i == 0 ? 0 : ChinaTime.DateOf(bounds[i]).DayNumber - firstDay.DayNumber;
            var through = isLast ? total : ChinaTime.DateOf(bounds[i + 1]).DayNumber - firstDay.DayNumber;
            slices.Add(new PassSlice(i + 1, bounds[i], bounds[i + 1], isLast, before, through));
        }

        return slices.Where(s => s.End <= now).ToList();
    }
}
