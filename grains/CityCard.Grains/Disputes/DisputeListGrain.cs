using CityCard.Contracts;
using Orleans.Concurrency;

namespace CityCard.Grains.Disputes;

/// <summary>The cases a city is party to, read from <c>dispute_cases</c>; stateless, any silo answers.</summary>
[StatelessWorker]
public sealed class DisputeListGrain(IDisputeStore store) : Grain, IDisputeListGrain
{
    public const int MaxPageSize = 500;

    public async Task<DisputePage> List(DisputeStatus? status, string? after, int limit)
    {
        var city = Cities.TryParse(this.GetPrimaryKeyString(), out var c) ? c : throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a city code.");
        var size = Math.Clamp(limit, 1, MaxPageSize);
        var cases = await store.ListAsync(city, status, after ?? string.Empty, size + 1);
        var page = cases.Take(size).ToList();
        return new DisputePage(page, cases.Count > size ? page[^1].CaseId : null);
    }
}
