using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>
/// The caps: what is left of the city's daily and 7-day caps, the region's daily cap and the city's bike ceiling,
/// given the rides before this one. The fare is cut to the smallest room left (never below zero), so no cap in force
/// is ever passed, whatever order the taps arrive in.
/// </summary>
public static class CapStep
{
    public static FareLine? Apply(PolicyVersion version, RegionVersion region, RideTap tap, Money fare, IReadOnlyList<RideRecord> earlier)
    {
        var day = tap.Day;
        var rooms = new List<(Money Room, string Policy, string Rule)>();
        if (version.Caps.Modes.Contains(tap.Mode))
        {
            var counted = earlier.Where(r => r.CountsTowardCaps).ToList();
            var inCity = counted.Where(r => r.Tap.City == tap.City).ToList();
            rooms.Add((version.Caps.Daily - Sum(inCity.Where(r => r.Tap.Day == day)), version.Id, "caps.daily"));
            rooms.Add((version.Caps.SevenDay - Sum(inCity.Where(r => r.Tap.Day > day.AddDays(-7) && r.Tap.Day <= day)), version.Id, "caps.sevenDay"));
            rooms.Add((region.DailyCap - Sum(counted.Where(r => r.Tap.Day == day)), region.Id, "dailyCap"));
        }

        if (tap.Mode == Category.Bike && version.Bike is { } bike)
        {
            var bikes = earlier.Where(r => r.Tap.Mode == Category.Bike && r.Tap.City == tap.City && r.Tap.Day == day);
            rooms.Add((bike.DailyCeiling - Sum(bikes), version.Id, "bike.dailyCeiling"));
        }

        if (rooms.Count == 0)
        {
            return null;
        }

        var tightest = rooms.MinBy(r => r.Room);
        var charged = Money.Max(Money.Zero, Money.Min(fare, tightest.Room));
        return charged < fare ? new FareLine(FareLineKind.Cap, charged - fare, tightest.Policy, tightest.Rule) : null;
    }

    private static Money Sum(IEnumerable<RideRecord> rides) => rides.Aggregate(Money.Zero, (sum, r) => sum + r.Fare);
}
