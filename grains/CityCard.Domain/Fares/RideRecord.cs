using CityCard.Contracts;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Fares;

/// <summary>
/// A ride the card paid for (or rode free), as later rides need it: the tap, its current fare (after any adjustment)
/// and the facts of its breakdown that the next rides' prices depend on.
/// </summary>
/// <param name="Frozen">Its charge was (partly) reversed by the operator: the fare engine never adjusts it again.</param>
/// <param name="CoveredBy">The pass that covered the ride (its pass id), if one did: later rides read a first-use pass's start from it.</param>
/// <param name="PassCover">What the covering pass paid: what the ride would have cost, which the pass's price is apportioned by.</param>
public sealed record RideRecord(
    RideTap Tap,
    Money Fare,
    bool CountsTowardCaps,
    bool IsTransfer,
    string? FreeRideOf,
    bool Frozen,
    string? CoveredBy = null,
    Money PassCover = default)
{
    public static RideRecord Of(RideTap tap, FareBreakdown fare)
    {
        var cover = PassLines.CoverOf(fare);
        return new(tap, fare.Charged, fare.CountsTowardCaps, fare.IsTransfer, fare.FreeRideOf, Frozen: false, cover?.PassId, cover?.WouldHaveCost ?? Money.Zero);
    }

    public RideRecord Repriced(FareBreakdown fare)
    {
        var cover = PassLines.CoverOf(fare);
        return this with
        {
            Fare = fare.Charged,
            CountsTowardCaps = fare.CountsTowardCaps,
            IsTransfer = fare.IsTransfer,
            FreeRideOf = fare.FreeRideOf,
            CoveredBy = cover?.PassId,
            PassCover = cover?.WouldHaveCost ?? Money.Zero,
        };
    }

    /// <summary>
    /// Whether a new breakdown changes anything later rides, the card's balance or a pass's apportionment depend on:
    /// a covered ride that now would have cost something else, or is covered by another pass, is adjusted too (at no
    /// cost to the card), so the recorded breakdown always says what the pass paid.
    /// </summary>
    public bool DiffersFrom(FareBreakdown fare)
    {
        var cover = PassLines.CoverOf(fare);
        return Fare != fare.Charged || CountsTowardCaps != fare.CountsTowardCaps || IsTransfer != fare.IsTransfer || FreeRideOf != fare.FreeRideOf
            || CoveredBy != cover?.PassId || PassCover != (cover?.WouldHaveCost ?? Money.Zero);
    }
}
