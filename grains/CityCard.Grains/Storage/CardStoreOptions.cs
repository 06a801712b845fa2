namespace CityCard.Grains.Storage;

public sealed class CardStoreOptions
{
    /// <summary>The PostgreSQL schema holding the event store and the project's tables.</summary>
    public string Schema { get; set; } = "citycard";

    /// <summary>
    /// A snapshot is written whenever an append crosses a multiple of this many events; activation then reads at most
    /// this many events after it. Zero turns snapshots off (every activation replays the whole stream).
    /// </summary>
    public int SnapshotEvery { get; set; } = 100;
}
