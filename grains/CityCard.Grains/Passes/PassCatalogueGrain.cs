using CityCard.Contracts;
using CityCard.Domain.Policies;
using Orleans.Concurrency;

namespace CityCard.Grains.Passes;

/// <summary>Reads the pass products of the loaded policies; one activation per silo, no state.</summary>
[StatelessWorker]
public sealed class PassCatalogueGrain(PolicySet policies) : Grain, IPassCatalogueGrain
{
    public Task<PassCatalogue> GetPasses(City city, DateOnly day)
    {
        var cityPasses = policies.Cities.TryGetValue(city, out var policy) ? policy.VersionOn(day)?.Passes ?? [] : [];
        var regionPasses = policies.Region.VersionOn(day)?.Passes ?? [];
        var views = cityPasses.Concat(regionPasses).Select(View).ToList();
        return Task.FromResult(new PassCatalogue(day, views));
    }

    private static PassProductView View(PassProduct p) => new(
        p.City?.ToString() ?? "region",
        p.Id,
        p.Name,
        p.Policy,
        p.Validity.ToString(),
        p.Days,
        p.ActivateWithinDays,
        [.. p.Cities.Order()],
        [.. p.Modes.Order()],
        [.. p.Categories.Order()],
        p.Entries,
        [.. p.Prices.Select(x => new PassPriceView(x.Product, x.Price, x.AppliesToOtherCitiesCards))],
        p.RefundFee);
}
