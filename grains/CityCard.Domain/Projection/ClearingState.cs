using System.Collections.Immutable;
using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Projection;

/// <summary>
/// Everything the clearing house decides from: the projection checkpoint, the windows in play, the movements of
/// every window not yet settled (what a closing window's settlement is computed from), and the cards whose postings
/// are held. Built only by loading what a <see cref="ClearingChange"/> stored, and by applying changes.
/// </summary>
public sealed record ClearingState(
    Checkpoint Checkpoint,
    WindowBook Book,
    ImmutableDictionary<DateOnly, ImmutableDictionary<MovementKey, Movement>> Movements)
{
    public static ClearingState Initial { get; } =
        new(Checkpoint.Start, WindowBook.Empty, ImmutableDictionary<DateOnly, ImmutableDictionary<MovementKey, Movement>>.Empty);

    /// <summary>The cards whose postings are held now (released holds are no longer here).</summary>
    public ImmutableDictionary<CardNumber, HeldCard> Holds { get; init; } = ImmutableDictionary<CardNumber, HeldCard>.Empty;

    public ImmutableDictionary<MovementKey, Movement> MovementsOf(DateOnly window) =>
        Movements.GetValueOrDefault(window) ?? ImmutableDictionary<MovementKey, Movement>.Empty;

    /// <summary>Each city's net position so far in a window: what it is owed less what it owes.</summary>
    public IReadOnlyDictionary<City, Money> RunningNets(DateOnly window)
    {
        var nets = Cities.All.ToDictionary(c => c, _ => Money.Zero);
        foreach (var (key, movement) in MovementsOf(window))
        {
            if (key.Account.IsInterCity && key.Kind != EntryKind.Settlement)
            {
                nets[key.Ledger] += movement.Net;
            }
        }

        return nets;
    }
}
