using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>
/// The rules a region clears by, set by configuration: the business day's cut-off, fee rates, optional net debit caps
/// per city, and whether windows close by themselves once their cut-off has passed.
/// </summary>
/// <param name="AutoCloseAfter">How long after its cut-off an open window starts closing by itself; null: only on request.</param>
/// <param name="MaxGapRanges">How many separate holes in the event sequence the projection tracks at once (a limit, not a timeout: see <c>GapTracker</c>).</param>
public sealed record ClearingPolicy(
    BusinessCalendar Calendar,
    FeeSchedule Fees,
    IReadOnlyDictionary<City, Money> NetDebitCaps,
    TimeSpan? AutoCloseAfter,
    int MaxGapRanges = ClearingLimits.DefaultMaxGapRanges)
{
    public static ClearingPolicy Default { get; } = new(BusinessCalendar.MidnightChina, FeeSchedule.Default, new Dictionary<City, Money>(), TimeSpan.Zero);
}
