using CityCard.Contracts;
using CityCard.Domain.Hotlist;
using CityCard.Grains.Storage;
using Orleans.Concurrency;

namespace CityCard.Grains.Hotlist;

/// <summary>
/// The hotlist's read side. A stateless worker: it holds nothing, so every silo may run copies and terminals' polls
/// spread across the cluster. Limits are clamped here too, whatever the caller asked.
/// </summary>
[StatelessWorker]
public sealed class HotlistGrain(HotlistStore store) : Grain, IHotlistGrain
{
    public async Task<HotlistPage> GetPage(long? asOfVersion, CardNumber? after, int limit)
    {
        var size = Math.Clamp(limit, 1, HotlistRules.MaxPageSize);
        var current = await store.CurrentVersionAsync();

        // A version the store has not reached yet would let later changes slip into the pages of "one" download.
        var asOf = asOfVersion is { } v ? Math.Clamp(v, 0, current) : current;
        var entries = await store.ListAsync(asOf, after?.Value ?? string.Empty, size + 1);
        var page = entries.Take(size).ToList();
        return new HotlistPage(asOf, page, entries.Count > size ? page[^1].Card : null);
    }

    public async Task<HotlistChanges> GetChanges(long sinceVersion, int limit)
    {
        var size = Math.Clamp(limit, 1, HotlistRules.MaxPageSize);
        var since = Math.Max(0, sinceVersion);
        var changes = await store.ChangesAsync(since, size + 1);
        var page = changes.Take(size).ToList();
        return new HotlistChanges(since, page.Count == 0 ? since : page[^1].Version, page, changes.Count > size);
    }
}
