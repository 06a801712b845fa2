using System.Collections.Immutable;
using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>
/// The card's rides of the last <see cref="FareLimits.RideMemory"/>, in <see cref="RideOrder"/>: what caps, transfers
/// and free rides per month are worked out from. Bounded by time (and, as a backstop, by count), never by history.
/// </summary>
public sealed record RideMemory
{
    public static RideMemory Empty { get; } = new();

    public ImmutableList<RideRecord> Rides { get; init; } = [];

    /// <summary>Where a tap falls among the remembered rides: the number of rides priced before it.</summary>
    public int PositionOf(RideTap tap)
    {
        int low = 0, high = Rides.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (RideOrder.Instance.Compare(Rides[mid].Tap, tap) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Adds a ride in its place and forgets those too old to matter, or beyond the count bound.</summary>
    public RideMemory Add(RideRecord ride)
    {
        var rides = Rides.Insert(PositionOf(ride.Tap), ride);
        var cutoff = rides[^1].Tap.TappedAt - FareLimits.RideMemory;
        var drop = 0;
        while (drop < rides.Count - 1 && (rides[drop].Tap.TappedAt < cutoff || rides.Count - drop > FareLimits.MaxRememberedRides))
        {
            drop++;
        }

        return new RideMemory { Rides = drop == 0 ? rides : rides.RemoveRange(0, drop) };
    }

    public RideMemory Reprice(string operationId, FareBreakdown fare) => Update(operationId, r => r.Repriced(fare));

    public RideMemory Freeze(string operationId) => Update(operationId, r => r with { Frozen = true });

    private RideMemory Update(string operationId, Func<RideRecord, RideRecord> change)
    {
        var index = Rides.FindIndex(r => r.Tap.OperationId == operationId);
        return index < 0 ? this : new RideMemory { Rides = Rides.SetItem(index, change(Rides[index])) };
    }
}
