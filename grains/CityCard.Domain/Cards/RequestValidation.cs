using CityCard.Contracts;
using CityCard.Domain.Fares;

namespace CityCard.Domain.Cards;

/// <summary>
/// Shape checks on request fields, before any rule about the card: limits on every amount and string, and enum
/// values that really exist (a deserializer will happily produce <c>(Category)99</c>).
/// </summary>
public static class RequestValidation
{
    /// <summary>The region's one identifier rule (<see cref="Identifier"/>), for ids without a type of their own.</summary>
    public static bool IsIdentifier(string? text, int maxLength) => Identifier.IsValid(text, maxLength);

    public static bool IsValidOperationId(string? id) => OperationId.TryParse(id, out _);

    /// <summary>Free text for people (a reason): bounded, non-blank, no control characters.</summary>
    public static bool IsValidReason(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= CardLimits.MaxReasonLength && !text.Any(char.IsControl);

    public static CardDecision.Reject? CheckAmount(Money amount)
    {
        if (!amount.IsPositive)
        {
            return new(RejectionCode.AmountNotPositive, $"The amount must be a positive number of fen, not {amount.Fen}.");
        }

        return amount > CardLimits.MaxOperationAmount
            ? new(RejectionCode.AmountAboveLimit, $"The amount {amount.Fen} fen is above the limit of {CardLimits.MaxOperationAmount.Fen} fen per operation.")
            : null;
    }

    public static CardDecision.Reject? CheckCity(City city) =>
        Enum.IsDefined(city) ? null : new(RejectionCode.UnknownCity, $"'{(int)city}' is not a city of the region.");

    public static CardDecision.Reject? CheckTap(ChargeRequest r, DateTimeOffset now)
    {
        if (!Enum.IsDefined(r.Category))
        {
            return new(RejectionCode.UnknownCategory, $"'{(int)r.Category}' is not a category.");
        }

        if ((r.Category.IsTransit() ? CheckRideShape(r) : CheckPurchaseShape(r)) is { } kind)
        {
            return kind;
        }

        if (CheckCity(r.AcquirerCity) is { } city)
        {
            return city;
        }

        if (!MerchantId.TryParse(r.MerchantId, out _))
        {
            return new(RejectionCode.InvalidMerchantId, $"A merchant id is 1 to {MerchantId.MaxLength} {Identifier.Characters}");
        }

        if (!TerminalId.TryParse(r.TerminalId, out _))
        {
            return new(RejectionCode.InvalidTerminalId, $"A terminal id is 1 to {TerminalId.MaxLength} {Identifier.Characters}");
        }

        if (r.TerminalSequence < 0)
        {
            return new(RejectionCode.InvalidTerminalSequence, "A terminal sequence number is zero or more.");
        }

        if (r.TappedAt > now + CardLimits.TapClockSkew)
        {
            return new(RejectionCode.TapTimeInFuture, $"The tap time {r.TappedAt:O} is in the future.");
        }

        if (r.TappedAt < now - CardLimits.MaxTapAge)
        {
            return new(RejectionCode.TapTooOld, $"The tap time {r.TappedAt:O} is older than {CardLimits.MaxTapAge.TotalDays} days.");
        }

        return r.Ride?.EndedAt is { } ended && ended > now + CardLimits.TapClockSkew
            ? new(RejectionCode.TapTimeInFuture, $"The ride's end {ended:O} is in the future.")
            : null;
    }

    /// <summary>A purchase names the merchant's amount and no ride.</summary>
    private static CardDecision.Reject? CheckPurchaseShape(ChargeRequest r) =>
        r.Ride is not null
            ? new(RejectionCode.RideNotExpected, $"A {r.Category} purchase carries an amount, not a ride.")
            : CheckAmount(r.Amount);

    /// <summary>A ride names no amount, and the fields its mode is priced by.</summary>
    private static CardDecision.Reject? CheckRideShape(ChargeRequest r)
    {
        if (r.Ride is not { } ride)
        {
            return new(RejectionCode.RideMissing, $"A {r.Category} tap carries its ride (route, stations or times).");
        }

        if (r.Amount != Money.Zero)
        {
            return new(RejectionCode.FareAmountNotExpected, $"A {r.Category} tap names no amount; the fare comes from {r.AcquirerCity}'s policy.");
        }

        if ((ride.Route is not null && !RouteId.TryParse(ride.Route, out _)) ||
            (ride.FromStation is not null && !StationId.TryParse(ride.FromStation, out _)) ||
            (ride.ToStation is not null && !StationId.TryParse(ride.ToStation, out _)))
        {
            return InvalidRide($"A route or station id is 1 to {Math.Max(RouteId.MaxLength, StationId.MaxLength)} {Identifier.Characters}");
        }

        if (ride.EndedAt is { } ended && (ended < r.TappedAt || ended - r.TappedAt > FareLimits.MaxRideDuration))
        {
            return InvalidRide($"A ride ends after it starts and lasts at most {FareLimits.MaxRideDuration.TotalHours} hours.");
        }

        return r.Category switch
        {
            Category.Bus when ride.Route is null => InvalidRide("A bus ride names its route."),
            Category.Coach when ride.FromStation is null || ride.ToStation is null => InvalidRide("A coach ride names its origin and destination stations."),
            Category.Coach when ride.FromStation == ride.ToStation => InvalidRide("A coach ride joins two different stations."),
            Category.Rail when ride.FromStation is null || ride.ToStation is null => InvalidRide("A rail ride names its entry and exit stations."),
            Category.Bike when ride.EndedAt is null => InvalidRide("A bike ride names the time the bike was returned."),
            _ => null,
        };
    }

    private static CardDecision.Reject InvalidRide(string detail) => new(RejectionCode.InvalidRide, detail);
}
