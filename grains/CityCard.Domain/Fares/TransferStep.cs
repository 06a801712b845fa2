using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>
/// The transfer discount: the ride right before this one, in the same city, on another route or mode (both covered by
/// the rule), ended at most the window before this one started, and was not itself a transfer.
/// </summary>
public static class TransferStep
{
    public static FareLine? Apply(PolicyVersion version, RideTap tap, Money fare, IReadOnlyList<RideRecord> earlier)
    {
        if (version.Transfer is not { } rule || !fare.IsPositive || earlier.Count == 0 || !rule.Modes.Contains(tap.Mode))
        {
            return null;
        }

        var previous = earlier[^1];
        var gap = tap.TappedAt - previous.Tap.EndedOrTapped;
        var qualifies = previous.Tap.City == tap.City
            && rule.Modes.Contains(previous.Tap.Mode)
            && !previous.IsTransfer
            && previous.Tap.RouteKey != tap.RouteKey
            && gap >= TimeSpan.Zero
            && gap <= TimeSpan.FromMinutes(rule.WindowMinutes);
        if (!qualifies)
        {
            return null;
        }

        var discount = FareMath.ShareOf(fare, rule.BasisPointsOff);
        if (rule.MaxDiscount is { } max)
        {
            discount = Money.Min(discount, max);
        }

        return discount.IsPositive
            ? new FareLine(FareLineKind.Transfer, -discount, version.Id, $"transfer ({(long)gap.TotalMinutes} min after {previous.Tap.RouteKey})")
            : null;
    }
}
