using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Projection;

/// <summary>
/// A card event as the clearing house reads it from the event store: its place in the global sequence and in its
/// card's stream, the event (null when the stored data no longer reads as the event its name says), the chain link
/// stored with it, and the link stored with the event before it in the stream, from which its own was made.
/// </summary>
/// <param name="PreviousFound">Whether the stream has an event at <see cref="Version"/> − 1 (always true for version 1).</param>
public sealed record StoredCardEvent(
    long Sequence,
    CardNumber Card,
    long Version,
    string EventType,
    CardEvent? Event,
    string? StoredHash,
    string? PreviousHash,
    bool PreviousFound = true) : ISequenced
{
    /// <summary>The event, to post; only for an event whose link checked.</summary>
    public RecordedCardEvent Recorded => new(Sequence, Card, Event ?? throw new InvalidOperationException($"Event {Sequence} cannot be read."));

    /// <summary>
    /// Recomputes this event's link from the previous event's stored link and its own canonical form, as
    /// <see cref="StreamVerifier"/> does for a whole stream, without reading the stream: null when it matches the link
    /// stored with it, else how it breaks. A previous event missing from the stream is a version gap.
    /// </summary>
    public ChainBreak? CheckLink()
    {
        var stored = new ChainedEvent(Version, EventType, Event, StoredHash);
        if (Version > 1 && !PreviousFound)
        {
            return new ChainBreak(Version, EventType, Event?.OperationId, ChainBreakKind.VersionGap, null, StoredHash);
        }

        if (Version > 1 && !EventChain.IsWellFormed(PreviousHash))
        {
            // The link this one was made from is gone or garbled: nothing can vouch for this event.
            return new ChainBreak(Version, EventType, Event?.OperationId, ChainBreakKind.HashMismatch, null, StoredHash);
        }

        return StreamVerifier.Check(Card, Version == 1 ? EventChain.Genesis : PreviousHash!, Version, stored);
    }

    /// <summary>
    /// Events of one card as the card store writes them: versions from <paramref name="afterVersion"/> + 1, each with
    /// its link. For tools and tests that build a log by hand.
    /// </summary>
    public static IReadOnlyList<StoredCardEvent> Chain(CardNumber card, IEnumerable<(long Sequence, CardEvent Event)> events, long afterVersion = 0, string previousHash = EventChain.Genesis)
    {
        var chained = new List<StoredCardEvent>();
        var (version, head) = (afterVersion, previousHash);
        foreach (var (sequence, e) in events)
        {
            version++;
            var link = EventChain.Link(head, card, version, e);
            chained.Add(new StoredCardEvent(sequence, card, version, CardEventTypes.NameOf(e), e, link, version == 1 ? null : head));
            head = link;
        }

        return chained;
    }
}
