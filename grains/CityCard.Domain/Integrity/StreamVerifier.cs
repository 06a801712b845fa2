using CityCard.Contracts;

namespace CityCard.Domain.Integrity;

/// <summary>
/// Walks a stream as read back from storage, recomputing each hash from the content and the chain so far, and names
/// the first event that does not match. Pure; the same walk serves one card's replay and the verification of every
/// stream.
/// </summary>
public static class StreamVerifier
{
    public static StreamVerification Verify(CardNumber card, IEnumerable<ChainedEvent> events)
    {
        var head = EventChain.Genesis;
        long checkedCount = 0;
        foreach (var stored in events)
        {
            checkedCount++;
            if (Check(card, head, checkedCount, stored) is { } broken)
            {
                return new StreamVerification(card, false, checkedCount, null, broken);
            }

            head = stored.StoredHash!;
        }

        return new StreamVerification(card, true, checkedCount, checkedCount == 0 ? null : head, null);
    }

    /// <summary>The break at this event, or null when its stored hash is the link from <paramref name="previous"/>.</summary>
    public static ChainBreak? Check(CardNumber card, string previous, long expectedVersion, ChainedEvent stored)
    {
        if (stored.Version != expectedVersion)
        {
            return new ChainBreak(stored.Version, stored.EventType, stored.Event?.OperationId, ChainBreakKind.VersionGap, null, stored.StoredHash);
        }

        if (stored.Event is not { } e)
        {
            return new ChainBreak(stored.Version, stored.EventType, null, ChainBreakKind.Unreadable, null, stored.StoredHash);
        }

        var expected = EventChain.Link(previous, card, stored.Version, e);
        if (stored.StoredHash is null)
        {
            return new ChainBreak(stored.Version, stored.EventType, e.OperationId, ChainBreakKind.HashMissing, expected, null);
        }

        return string.Equals(expected, stored.StoredHash, StringComparison.Ordinal)
            ? null
            : new ChainBreak(stored.Version, stored.EventType, e.OperationId, ChainBreakKind.HashMismatch, expected, stored.StoredHash);
    }
}
