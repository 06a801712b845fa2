using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// Every city's policy and the region's, validated and loaded once at start. Everything that depends on a date
/// takes an instant and reads it in China Standard Time: a tap is priced by the versions in force at its own time.
/// </summary>
public sealed class PolicySet(IReadOnlyDictionary<City, CityPolicy> cities, RegionPolicy region)
{
    public IReadOnlyDictionary<City, CityPolicy> Cities { get; } = cities;

    public RegionPolicy Region { get; } = region;

    public PolicyVersion? CityAt(City city, DateTimeOffset instant) =>
        Cities.TryGetValue(city, out var policy) ? policy.VersionOn(ChinaTime.DateOf(instant)) : null;

    public RegionVersion? RegionAt(DateTimeOffset instant) => Region.VersionOn(ChinaTime.DateOf(instant));

    /// <summary>The terms of a product as its issuer sells it at that moment, or null if it does not.</summary>
    public ProductTerms? ProductAt(City issuer, ProductCode product, DateTimeOffset instant) =>
        CityAt(issuer, instant) is { } version && version.Products.TryGetValue(product, out var terms) ? terms : null;

    /// <summary>The pass a city (or, for null, the region) sells on a CST date, by its id; null if it sells none of that id.</summary>
    public PassProduct? PassOn(City? definedBy, string id, DateOnly date)
    {
        var passes = definedBy is { } city
            ? Cities.TryGetValue(city, out var policy) ? policy.VersionOn(date)?.Passes : null
            : Region.VersionOn(date)?.Passes;
        return passes?.FirstOrDefault(p => p.Id == id);
    }

    /// <summary>Whether any version of the issuer's policy ever sold the product (a replacement keeps its product).</summary>
    public bool EverSold(City issuer, ProductCode product) =>
        Cities.TryGetValue(issuer, out var policy) && policy.Versions.Any(v => v.Products.ContainsKey(product));
}
