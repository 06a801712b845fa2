using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>The base fare of a ride from the city's fare tables: the first line of every transit breakdown.</summary>
public static class BaseFares
{
    /// <summary>The base line, or why the ride cannot be priced.</summary>
    public static (FareLine? Line, FareQuote.Unpriceable? Error) Of(PolicyVersion version, RideTap tap) => tap.Mode switch
    {
        Category.Bus => Bus(version, tap),
        Category.Coach => Coach(version, tap),
        Category.Rail => Rail(version, tap),
        Category.Bike => Bike(version, tap),
        _ => Fail(RejectionCode.UnknownCategory, $"{tap.Mode} is not a transit mode."),
    };

    private static (FareLine?, FareQuote.Unpriceable?) Bus(PolicyVersion v, RideTap tap)
    {
        if (v.Bus is not { } bus)
        {
            return NotOffered(v, tap);
        }

        if (tap.Ride.Route is not { } route || !bus.Routes.TryGetValue(route, out var routeClass))
        {
            return Fail(RejectionCode.UnknownRoute, $"{v.Id} has no bus route '{tap.Ride.Route}'.");
        }

        return Line(v, bus.RouteClasses[routeClass], $"bus.routeClasses.{routeClass} (route {route})");
    }

    private static (FareLine?, FareQuote.Unpriceable?) Coach(PolicyVersion v, RideTap tap)
    {
        if (v.Coach is not { } coach)
        {
            return NotOffered(v, tap);
        }

        var (from, to) = (tap.Ride.FromStation, tap.Ride.ToStation);
        if (from is null || to is null || !coach.Stations.ContainsKey(from) || !coach.Stations.ContainsKey(to))
        {
            return Fail(RejectionCode.UnknownStation, $"{v.Id} has no coach station '{(from is not null && coach.Stations.ContainsKey(from) ? to : from)}'.");
        }

        return coach.TryGetFare(from, to, out var fare)
            ? Line(v, fare, $"coach.fares.{from}/{to}")
            : Fail(RejectionCode.NoFareForTrip, $"{v.Id} has no coach fare between {from} and {to}.");
    }

    private static (FareLine?, FareQuote.Unpriceable?) Rail(PolicyVersion v, RideTap tap)
    {
        if (v.Rail is not { } rail)
        {
            return NotOffered(v, tap);
        }

        var (from, to) = (tap.Ride.FromStation, tap.Ride.ToStation);
        if (from is null || to is null || !rail.Knows(from) || !rail.Knows(to))
        {
            return Fail(RejectionCode.UnknownStation, $"{v.Id} has no rail station '{(from is not null && rail.Knows(from) ? to : from)}'.");
        }

        if (rail.Distance(from, to) is not { } metres || rail.BandFor(metres) is not { } band)
        {
            return Fail(RejectionCode.NoFareForTrip, $"{v.Id} prices no rail trip from {from} to {to} (more than one change).");
        }

        return Line(v, band.Fare, $"rail.bands.upTo{band.UpToMetres}m ({metres} m)");
    }

    private static (FareLine?, FareQuote.Unpriceable?) Bike(PolicyVersion v, RideTap tap)
    {
        if (v.Bike is not { } bike)
        {
            return NotOffered(v, tap);
        }

        if (tap.Ride.EndedAt is not { } returned)
        {
            return Fail(RejectionCode.InvalidRide, "A bike ride needs its return time.");
        }

        var duration = returned - tap.TappedAt;
        var (fare, periods) = bike.FareFor(duration);
        return Line(v, fare, $"bike.periodFare ({(long)duration.TotalMinutes} min: {periods} period(s) after {bike.FreeMinutes} free)");
    }

    private static (FareLine?, FareQuote.Unpriceable?) Line(PolicyVersion v, Money fare, string rule) =>
        (new FareLine(FareLineKind.Base, fare, v.Id, rule), null);

    private static (FareLine?, FareQuote.Unpriceable?) NotOffered(PolicyVersion v, RideTap tap) =>
        Fail(RejectionCode.ModeNotOffered, $"{v.City} runs no {tap.Mode} service under {v.Id}.");

    private static (FareLine?, FareQuote.Unpriceable?) Fail(RejectionCode code, string detail) => (null, new FareQuote.Unpriceable(code, detail));
}
