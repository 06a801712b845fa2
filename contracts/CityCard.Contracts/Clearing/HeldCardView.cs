namespace CityCard.Contracts;

/// <summary>
/// A card whose postings the clearing house holds: its hash chain broke at event <paramref name="Version"/> of its
/// stream (<paramref name="Sequence"/> in the event store), so that event and the card's later ones are not posted
/// until the stream verifies again and the hold is released.
/// </summary>
/// <param name="EventsHeld">Events of the card read and not posted: the broken one and every later one so far.</param>
/// <param name="ReleasedAt">When the hold was released (its events then posted); null while it holds.</param>
[GenerateSerializer, Immutable, Alias("citycard.held-card-view")]
public sealed record HeldCardView(
    CardNumber Card,
    long Sequence,
    long Version,
    string EventType,
    string? OperationId,
    ChainBreakKind Kind,
    DateTimeOffset HeldAt,
    int EventsHeld,
    DateTimeOffset? ReleasedAt = null,
    string? ReleasedBy = null);
