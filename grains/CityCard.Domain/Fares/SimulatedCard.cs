using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Fares;

/// <summary>One card as a fare simulation replays it: its number and product, the passes it holds, and its recorded rides.</summary>
public sealed record SimulatedCard(CardNumber Number, ProductCode Product, IReadOnlyList<HeldPass> Passes, IReadOnlyList<RecordedRide> Rides)
{
    public FareCard FareCard => new(Number.Issuer, Product);

    /// <summary>A card from its events (issued, or claimed as a replacement) and the passes it holds.</summary>
    public static SimulatedCard From(CardNumber number, IReadOnlyList<CardEvent> events, IReadOnlyList<HeldPass> passes)
    {
        var product = events.Select(e => e switch
        {
            CardIssued issued => issued.Product,
            ReplacementCardClaimed claimed => claimed.Product,
            _ => (ProductCode?)null,
        }).FirstOrDefault(p => p is not null) ?? throw new ArgumentException($"The events of {number} do not say its product.", nameof(events));
        return new SimulatedCard(number, product, passes, RecordedRide.From(events));
    }

    /// <summary>
    /// A card as its stream leaves it, for a simulation of a period starting at <paramref name="periodStart"/>: its
    /// passes folded from its events (<see cref="CardEvolver"/>, the state the card prices with) and only the rides
    /// that can still weigh on a ride of the period: those from <see cref="FareLimits.RideMemory"/> before it on (the
    /// card itself remembers no older ones), so a long history costs the simulation nothing.
    /// </summary>
    public static SimulatedCard FromStream(CardNumber number, IReadOnlyList<CardEvent> events, DateTimeOffset periodStart)
    {
        var passes = CardEvolver.Fold(CardState.Initial(number), events).Passes.Book.Passes;
        var card = From(number, events, passes);
        var since = periodStart - FareLimits.RideMemory;
        return card with { Rides = [.. card.Rides.Where(r => r.Tap.TappedAt >= since)] };
    }
}
