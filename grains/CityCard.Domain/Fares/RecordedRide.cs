using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Fares;

/// <summary>
/// A ride as the card's events record it: its tap and its final fare (the charge's breakdown, or its latest
/// adjustment's). <see cref="Reversed"/>: an operator reversed (or a dispute refunded) its charge, which froze its fare.
/// </summary>
public sealed record RecordedRide(RideTap Tap, FareBreakdown Fare, bool Reversed)
{
    /// <summary>The rides of one card's events, in ride order: transit charges with their breakdown, as adjusted since.</summary>
    public static IReadOnlyList<RecordedRide> From(IEnumerable<CardEvent> events)
    {
        var rides = new Dictionary<string, RecordedRide>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case CardCharged { Fare: { } fare } charged when RideTap.Of(charged.OperationId, charged.Tap) is { } tap:
                    rides[charged.OperationId] = new RecordedRide(tap, fare, Reversed: false);
                    break;
                case FareAdjusted adjusted when rides.TryGetValue(adjusted.ChargeOperationId, out var ride):
                    rides[adjusted.ChargeOperationId] = ride with { Fare = adjusted.Fare };
                    break;
                case ChargeReversed reversed when rides.TryGetValue(reversed.ChargeOperationId, out var ride):
                    rides[reversed.ChargeOperationId] = ride with { Reversed = true };
                    break;
                case ChargeRefunded refunded when rides.TryGetValue(refunded.ChargeOperationId, out var ride):
                    rides[refunded.ChargeOperationId] = ride with { Reversed = true };
                    break;
            }
        }

        return [.. rides.Values.OrderBy(r => r.Tap, RideOrder.Instance)];
    }
}
