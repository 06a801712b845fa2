using CityCard.Domain.Ledger;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Projection;

/// <summary>
/// Everything one projection cycle or one clearing command changes, to be committed in one transaction: the new
/// entries, the movement sums they add, the windows they change, the holds they begin, extend or release, and the
/// checkpoint (inside <see cref="State"/>). <see cref="CaughtUp"/> is true for a cycle that read every event visible to it.
/// </summary>
public sealed record ClearingChange(
    ClearingState State,
    IReadOnlyList<JournalEntry> Entries,
    IReadOnlyDictionary<MovementKey, Movement> MovementDeltas,
    IReadOnlyList<ClearingWindow> ChangedWindows,
    IReadOnlyList<NetDebitCapCrossing> CapCrossings,
    int EventsProjected,
    bool CaughtUp)
{
    public int LateEntries => Entries.Count(e => e.Late);

    /// <summary>Holds begun, extended or released by this change, as they now stand.</summary>
    public IReadOnlyList<HeldCard> ChangedHolds { get; init; } = [];

    /// <summary>Holds begun by this change: a card's chain found broken (an alert each).</summary>
    public IReadOnlyList<HeldCard> BrokenChains { get; init; } = [];

    /// <summary>Events read and held by this change, not posted.</summary>
    public int HeldEvents { get; init; }
}
