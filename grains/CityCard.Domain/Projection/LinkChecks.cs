using CityCard.Contracts;

namespace CityCard.Domain.Projection;

/// <summary>
/// Hash-chain link checks made ahead of a cycle (on another thread, while the cycle before it commits), kept by the
/// very event instance they were made for: an event the cycle did not get from the same read is checked afresh.
/// Events are immutable, so a check made for an instance stays its answer.
/// </summary>
public sealed class LinkChecks
{
    private readonly Dictionary<StoredCardEvent, ChainBreak?> checks = new(ReferenceEqualityComparer.Instance);

    private LinkChecks()
    {
    }

    /// <summary>Checks every event's link now.</summary>
    public static LinkChecks Of(IEnumerable<StoredCardEvent> events)
    {
        var links = new LinkChecks();
        foreach (var e in events)
        {
            links.checks[e] = e.CheckLink();
        }

        return links;
    }

    /// <summary>The check made ahead for this instance, else <see cref="StoredCardEvent.CheckLink"/> now.</summary>
    public ChainBreak? Check(StoredCardEvent e) => checks.TryGetValue(e, out var known) ? known : e.CheckLink();
}
