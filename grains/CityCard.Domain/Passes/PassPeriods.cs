using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Passes;

/// <summary>
/// When a pass is valid, in China Standard Time. A calendar-month pass runs from 00:00 on the month's first day to
/// 00:00 on the next month's; a day-counted pass counts the day of its sale (or of its first use) as its first day and
/// ends at 00:00 after its last. A first-use pass has no period until it is first used, and expires unused at 00:00
/// after <c>activateWithinDays</c> days from its sale.
/// </summary>
public static class PassPeriods
{
    /// <summary>The period, given when the pass was first used (for a first-use pass); null while it has not been.</summary>
    public static PassPeriod? Of(HeldPass pass, DateTimeOffset? firstUse)
    {
        var terms = pass.Terms;
        return terms.Validity switch
        {
            PassValidity.CalendarMonth => new PassPeriod(pass.ValidFrom, Midnight(FirstDayOfMonth(ChinaTime.DateOf(pass.ValidFrom)).AddMonths(1))),
            PassValidity.DaysFromSale => new PassPeriod(pass.SoldAt, Midnight(ChinaTime.DateOf(pass.SoldAt).AddDays(terms.Days))),
            PassValidity.DaysFromFirstUse => firstUse is { } first ? new PassPeriod(first, Midnight(ChinaTime.DateOf(first).AddDays(terms.Days))) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(pass), terms.Validity, "Unknown validity."),
        };
    }

    /// <summary>The period as the pass's own state knows it (its recorded first use).</summary>
    public static PassPeriod? Of(HeldPass pass) => Of(pass, pass.FirstUsedAt);

    /// <summary>By when a first-use pass must first be used (00:00 CST after that many days from its sale); null for other passes.</summary>
    public static DateTimeOffset? ActivationDeadline(HeldPass pass) =>
        pass.Terms.StartsAtFirstUse ? Midnight(ChinaTime.DateOf(pass.SoldAt).AddDays(pass.Terms.ActivateWithinDays)) : null;

    /// <summary>The number of CST days the period counts: the month's days, or the pass's days.</summary>
    public static int DaysOf(HeldPass pass) => pass.Terms.Validity == PassValidity.CalendarMonth
        ? DateTime.DaysInMonth(ChinaTime.DateOf(pass.ValidFrom).Year, ChinaTime.DateOf(pass.ValidFrom).Month)
        : pass.Terms.Days;

    /// <summary>
    /// When the pass stops covering anything, as its state knows it: the end of its period, its refund, or, for a
    /// first-use pass never used, its activation deadline.
    /// </summary>
    public static DateTimeOffset EndOf(HeldPass pass)
    {
        var end = Of(pass)?.End ?? ActivationDeadline(pass)!.Value;
        return pass.RefundedAt is { } refunded && refunded < end ? refunded : end;
    }

    /// <summary>00:00 CST on a date.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);

    public static DateOnly FirstDayOfMonth(DateOnly date) => new(date.Year, date.Month, 1);
}
