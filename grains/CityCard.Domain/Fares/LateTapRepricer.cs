using CityCard.Contracts;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>
/// When a tap arrives after rides that happened later than it (an offline terminal uploading late), those later rides
/// were priced without it. This works out their fares again, in ride order, as if every tap had arrived on time: the
/// caps now fill earlier, a transfer or a free ride may move. Each ride whose fare (or the facts later rides depend on)
/// changes becomes one explicit adjustment; a ride whose charge the operator reversed is left alone.
/// </summary>
public static class LateTapRepricer
{
    public sealed record Repricing(RideRecord Ride, FareBreakdown Fare);

    public static IReadOnlyList<Repricing> Reprice(FareCard card, RideMemory memory, RideRecord inserted, PolicySet policies) =>
        Reprice(card, memory, inserted, policies, []);

    /// <summary>
    /// The same with the card's passes: a late tap may start a first-use pass earlier (moving its period, so a ride at
    /// the old end may now be charged), make a covered ride a transfer (what the pass paid changes), or fill a cap.
    /// </summary>
    public static IReadOnlyList<Repricing> Reprice(FareCard card, RideMemory memory, RideRecord inserted, PolicySet policies, IReadOnlyList<HeldPass> passes)
    {
        var position = memory.PositionOf(inserted.Tap);
        if (position == memory.Rides.Count)
        {
            return [];
        }

        var rides = memory.Rides.ToList();
        rides.Insert(position, inserted);
        var changes = new List<Repricing>();
        for (var i = position + 1; i < rides.Count; i++)
        {
            var ride = rides[i];
            if (ride.Frozen || FareEngine.PriceRide(card, ride.Tap, new ListPrefix<RideRecord>(rides, i), policies, passes) is not FareQuote.Priced priced)
            {
                // An unpriceable ride can only come from a policy file edited after the ride was charged: keep its fare.
                continue;
            }

            if (ride.DiffersFrom(priced.Fare))
            {
                changes.Add(new Repricing(ride, priced.Fare));
                rides[i] = ride.Repriced(priced.Fare);
            }
        }

        return changes;
    }
}
