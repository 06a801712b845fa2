namespace CityCard.Grains.Storage;

/// <summary>
/// Marten (9.x) writes a "tombstone" row into <c>mt_events</c>, on stream <c>mt_tombstone</c>, for every sequence
/// number a failed save drew (a lost version race, a reused operation id, a failed group commit), so that its own
/// async daemon is not held behind the gap. The rows are written after the failure, off the caller's path. They are
/// not card events: every reader of <c>mt_events</c> (the clearing feed, stream verification, reconciliation) leaves
/// them out. See docs/decisions/0034.
/// </summary>
public static class MartenTombstones
{
    public const string EventType = "tombstone";

    public const string StreamId = "mt_tombstone";
}
