using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>City buses: a flat fare per route class, and every route with its class.</summary>
/// <param name="RouteClasses">Class id → flat fare.</param>
/// <param name="Routes">Route id → class id.</param>
public sealed record BusFares(IReadOnlyDictionary<string, Money> RouteClasses, IReadOnlyDictionary<string, string> Routes)
{
    public Money HighestFare => RouteClasses.Values.DefaultIfEmpty().Max();
}
