using CityCard.Domain.Cards;

namespace CityCard.Grains.Storage;

/// <summary>
/// A cached fold of a card's stream up to <see cref="Version"/>. Never the truth: it is written beside the events it
/// summarises, and a snapshot of another <see cref="Schema"/> is ignored and the stream replayed instead.
/// </summary>
public sealed class CardSnapshot
{
    /// <summary>Bump when <see cref="CardState"/> changes shape, so old snapshots are ignored rather than misread.</summary>
    public const int CurrentSchema = 4;

    /// <summary>The card number.</summary>
    public required string Id { get; init; }

    public required long Version { get; init; }

    public required int Schema { get; init; }

    public required CardState State { get; init; }
}
