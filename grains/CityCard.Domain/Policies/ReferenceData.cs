using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>The integrator's view of a city's policy version: ids and names, no fares.</summary>
public static class ReferenceData
{
    public static CityReference Of(CityPolicy city, PolicyVersion version) => new(
        city.City,
        city.Brand,
        version.Id,
        [.. version.Products.Values.OrderBy(p => p.Code.Value, StringComparer.Ordinal).Select(p => new ProductReference(p.Code, p.Name, p.Deposit, p.BalanceCeiling))],
        [.. (version.Bus?.Routes.Keys ?? []).Order(StringComparer.Ordinal)],
        [.. (version.Coach?.Stations.Keys ?? []).Order(StringComparer.Ordinal)],
        [.. (version.Rail?.Lines ?? []).Select(l => new RailLineReference(l.Id, [.. l.StationMetres.Keys]))],
        version.Bike is not null,
        [.. Categories.TransitModes.Where(m => Offers(version, m))],
        Enum.GetValues<Category>());

    private static bool Offers(PolicyVersion version, Category mode) => mode switch
    {
        Category.Bus => version.Bus is not null,
        Category.Coach => version.Coach is not null,
        Category.Rail => version.Rail is not null,
        Category.Bike => version.Bike is not null,
        _ => false,
    };
}
