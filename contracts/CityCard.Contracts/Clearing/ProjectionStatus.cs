namespace CityCard.Contracts;

/// <summary>
/// How far the region's projection of card events into the ledgers has got. <see cref="LagEvents"/> is the number of
/// committed events beyond the checkpoint; <see cref="OutstandingGaps"/> counts sequence numbers below the checkpoint
/// that a transaction still in flight may fill (they are re-checked every cycle, never skipped). <see cref="HeldCards"/>
/// are the cards whose postings are held because their hash chain broke.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.projection-status")]
public sealed record ProjectionStatus(
    long Position,
    long Head,
    long LagEvents,
    int OutstandingGaps,
    long Cycles,
    DateTimeOffset? LastCycleAt,
    DateOnly CurrentWindow,
    IReadOnlyList<WindowView> UnsettledWindows,
    string HostSilo,
    IReadOnlyList<HeldCardView>? HeldCards = null)
{
    public bool IsCaughtUp => LagEvents == 0;
}
