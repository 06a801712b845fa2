using CityCard.Contracts;
using CityCard.Domain.Policies;
using Orleans.Concurrency;

namespace CityCard.Grains.Reference;

/// <summary>A city's reference data from the policies the silo loaded: stateless, any silo answers.</summary>
[StatelessWorker]
public sealed class ReferenceDataGrain(PolicySet policies) : Grain, IReferenceDataGrain
{
    public Task<CityReference?> Get(DateTimeOffset at)
    {
        var city = Cities.TryParse(this.GetPrimaryKeyString(), out var c) ? c : throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a city.");
        return Task.FromResult(policies.Cities.TryGetValue(city, out var policy) && policies.CityAt(city, at) is { } version
            ? ReferenceData.Of(policy, version)
            : null);
    }
}
