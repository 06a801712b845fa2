namespace CityCard.Contracts;

/// <summary>The pass products of the policies the silo loaded: reference data, read by the gateways. Stateless.</summary>
[Alias("citycard.pass-catalogue-grain")]
public interface IPassCatalogueGrain : IGrainWithIntegerKey
{
    /// <summary>The passes <paramref name="city"/> and the region sell on <paramref name="day"/> (CST).</summary>
    [Alias("get-passes")]
    Task<PassCatalogue> GetPasses(City city, DateOnly day);
}
