using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>A transit tap as the fare engine sees it: where, which mode, the ride, and when it started.</summary>
public sealed record RideTap(
    string OperationId,
    City City,
    Category Mode,
    string OperatorId,
    RideDetails Ride,
    DateTimeOffset TappedAt,
    string TerminalId,
    long TerminalSequence)
{
    /// <summary>The ride of a transit charge as its event records it; null for a purchase (no ride).</summary>
    public static RideTap? Of(string operationId, Cards.TapDetails tap) =>
        tap.Ride is { } ride ? new RideTap(operationId, tap.AcquirerCity, tap.Category, tap.MerchantId, ride, tap.TappedAt, tap.TerminalId, tap.TerminalSequence) : null;

    /// <summary>The CST day the ride belongs to, for caps: the day it started.</summary>
    public DateOnly Day => ChinaTime.DateOf(TappedAt);

    /// <summary>When the ride ended, or when it started if the terminal does not say; transfer windows run from here.</summary>
    public DateTimeOffset EndedOrTapped => Ride.EndedAt ?? TappedAt;

    /// <summary>Two rides are "on the same route" when these are equal: a bus route, a coach trip, the rail network, bikes.</summary>
    public string RouteKey => Mode switch
    {
        Category.Bus => $"bus:{Ride.Route}",
        Category.Coach => $"coach:{Ride.Route ?? $"{Ride.FromStation}>{Ride.ToStation}"}",
        _ => Mode.ToString().ToLowerInvariant(),
    };
}
