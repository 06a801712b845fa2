namespace CityCard.Contracts;

/// <summary>
/// The region's hotlist (deny list) for terminals: cards that are blocked, replaced or closed. Read-only and
/// stateless: the list lives in PostgreSQL, written in the same transaction as the card events that change it, so it
/// never disagrees with the card streams. Any silo answers (a stateless worker, key 0).
/// </summary>
[Alias("citycard.hotlist")]
public interface IHotlistGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The full list as of <paramref name="asOfVersion"/> (the latest when null), <paramref name="limit"/> cards after
    /// <paramref name="after"/> in card order.
    /// </summary>
    [Alias("get-page")]
    Task<HotlistPage> GetPage(long? asOfVersion, CardNumber? after, int limit);

    /// <summary>The changes with a version above <paramref name="sinceVersion"/>, at most <paramref name="limit"/>.</summary>
    [Alias("get-changes")]
    Task<HotlistChanges> GetChanges(long sinceVersion, int limit);
}
