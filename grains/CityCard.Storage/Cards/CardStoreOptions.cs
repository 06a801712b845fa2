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

    /// <summary>Write the appends of many cards that arrive together in one transaction (see GroupCommitter).</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>
    /// Group commits in flight at once, each on its own connection, a card always on the same one. One alone leaves
    /// PostgreSQL's other cores idle while it executes a batch (docs/decisions/0076).
    /// </summary>
    public int GroupCommitWriters { get; set; } = 4;

    /// <summary>The most appends one group commit takes.</summary>
    public int GroupCommitBatchSize { get; set; } = 256;

    /// <summary>How many appends may wait for the writer before callers are made to wait to enqueue.</summary>
    public int GroupCommitQueueLimit { get; set; } = 10_000;
}
