using CityCard.Contracts;

namespace CityCard.Gateway.Cluster;

/// <summary>
/// Typed access to the region's hotlist over an Orleans cluster client. The hotlist grain is a stateless worker, so
/// any silo answers; limits are clamped by the grain whatever is asked here.
/// </summary>
public sealed class HotlistClient(IClusterClient cluster)
{
    /// <summary>One page of the full list as of <paramref name="asOfVersion"/> (the latest when null), cards after <paramref name="after"/>.</summary>
    public Task<HotlistPage> GetPageAsync(long? asOfVersion, CardNumber? after, int limit) =>
        Grain.GetPage(asOfVersion, after, limit);

    /// <summary>The changes with a version above <paramref name="sinceVersion"/>, oldest first.</summary>
    public Task<HotlistChanges> GetChangesAsync(long sinceVersion, int limit) =>
        Grain.GetChanges(sinceVersion, limit);

    private IHotlistGrain Grain => cluster.GetGrain<IHotlistGrain>(0);
}
