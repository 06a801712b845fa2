using CityCard.Domain.Ledger;

namespace CityCard.Domain.Projection;

/// <summary>
/// What one projection cycle read from the event store, in this order: the start of the oldest transaction still open
/// (before anything else), the events that have appeared in outstanding gaps, then new events after the checkpoint,
/// then the database's clock and the sequence's high-water mark.
/// </summary>
/// <param name="OldestOpenTransaction">Start of the oldest other transaction open in the database; null when there is none.</param>
/// <param name="GapEvents">Events found in outstanding gaps, each with its chain links.</param>
/// <param name="NewEvents">Events after the checkpoint, in sequence order, at most one batch, each with its chain links.</param>
/// <param name="SeenAt">The database clock after the reads.</param>
/// <param name="HighWater">The last sequence number handed out (committed or not) after the reads.</param>
/// <param name="ReadToEnd">True when the read of new events returned every visible event (fewer than a full batch).</param>
public sealed record CycleRead(
    DateTimeOffset? OldestOpenTransaction,
    IReadOnlyList<StoredCardEvent> GapEvents,
    IReadOnlyList<StoredCardEvent> NewEvents,
    DateTimeOffset SeenAt,
    long HighWater,
    bool ReadToEnd)
{
    /// <summary>The events' chain links, checked ahead while the previous cycle committed; null when the cycle checks them itself.</summary>
    public LinkChecks? Links { get; init; }
}
