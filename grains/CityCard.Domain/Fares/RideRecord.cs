using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>
/// A ride the card paid for (or rode free), as later rides need it: the tap, its current fare (after any adjustment)
/// and the facts of its breakdown that the next rides' prices depend on.
/// </summary>
/// <param name="Frozen">Its charge was (partly) reversed by the operator: the fare engine never adjusts it again.</param>
public sealed record RideRecord(
    RideTap Tap,
    Money Fare,
    bool CountsTowardCaps,
    bool IsTransfer,
    string? FreeRideOf,
    bool Frozen)
{
    public static RideRecord Of(RideTap tap, FareBreakdown fare) =>
        new(tap, fare.Charged, fare.CountsTowardCaps, fare.IsTransfer, fare.FreeRideOf, Frozen: false);

    public RideRecord Repriced(FareBreakdown fare) =>
        this with { Fare = fare.Charged, CountsTowardCaps = fare.CountsTowardCaps, IsTransfer = fare.IsTransfer, FreeRideOf = fare.FreeRideOf };

    /// <summary>Whether a new breakdown changes anything later rides or the card's balance depend on.</summary>
    public bool DiffersFrom(FareBreakdown fare) =>
        Fare != fare.Charged || CountsTowardCaps != fare.CountsTowardCaps || IsTransfer != fare.IsTransfer || FreeRideOf != fare.FreeRideOf;
}
