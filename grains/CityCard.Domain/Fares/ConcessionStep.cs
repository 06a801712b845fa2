using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>The product's concession, if any applies: at most one per ride, the one that takes most off (first listed on a tie).</summary>
public static class ConcessionStep
{
    public sealed record Outcome(Money Reduction, FareLine? Line, string? FreeRideOf)
    {
        public static Outcome None { get; } = new(Money.Zero, null, null);
    }

    public static Outcome Apply(PolicyVersion version, FareCard card, RideTap tap, Money fare, IReadOnlyList<RideRecord> earlier)
    {
        var best = Outcome.None;
        foreach (var concession in version.Concessions)
        {
            if (!AppliesTo(concession, version, card, tap))
            {
                continue;
            }

            var (reduction, rule, freeRide) = concession.FreeRidesPerMonth is { } n
                ? FreeRide(concession, n, tap, fare, earlier)
                : (FareMath.ShareOf(fare, concession.BasisPointsOff), $"concessions.{concession.Id} ({concession.BasisPointsOff} bp off)", false);
            if (reduction > best.Reduction)
            {
                best = new Outcome(reduction, new FareLine(FareLineKind.Concession, -reduction, version.Id, rule), freeRide ? concession.Id : null);
            }
        }

        return best;
    }

    /// <summary>Whether the policy gives this concession to this card for this ride, before any counting.</summary>
    public static bool AppliesTo(Concession concession, PolicyVersion version, FareCard card, RideTap tap) =>
        concession.Products.Contains(card.Product)
        && concession.Modes.Contains(tap.Mode)
        && (card.IsLocalTo(tap.City) || concession.AppliesToOtherCitiesCards)
        && !(concession.OffPeakOnly && version.PeakHours.IsPeak(tap.TappedAt));

    /// <summary>Free if fewer than N earlier rides this CST month in this city used this concession's free rides.</summary>
    private static (Money, string, bool) FreeRide(Concession concession, int perMonth, RideTap tap, Money fare, IReadOnlyList<RideRecord> earlier)
    {
        var month = Month(tap.TappedAt);
        var used = earlier.Count(r => r.FreeRideOf == concession.Id && r.Tap.City == tap.City && Month(r.Tap.TappedAt) == month);
        return used < perMonth
            ? (fare, $"concessions.{concession.Id} (free ride {used + 1} of {perMonth} this month)", true)
            : (Money.Zero, string.Empty, false);
    }

    private static (int Year, int Month) Month(DateTimeOffset instant)
    {
        var date = ChinaTime.DateOf(instant);
        return (date.Year, date.Month);
    }
}
