using CityCard.Contracts;
using CityCard.Domain.Fares;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Policies;

/// <summary>
/// A pass a city (or the region) sells, as one version of its policy defines it: which services it covers (transit
/// <see cref="Modes"/> and merchant <see cref="Categories"/> in <see cref="Cities"/>), for how long, how many entries
/// if it counts them, what it costs each card product, and the fixed fee kept on a refund.
/// </summary>
/// <param name="Policy">The version that defines it, e.g. <c>ZG@2027-01-01</c> or <c>region@2027-01-01</c>.</param>
/// <param name="City">The city whose policy defines it; null for the region's passes.</param>
/// <param name="Days">The length of a day-counted pass; 0 for a calendar-month pass.</param>
/// <param name="ActivateWithinDays">For a first-use pass, how long after the sale it may first be used; otherwise 0.</param>
/// <param name="Entries">How many rides or entries the pass covers in all; null when unlimited.</param>
public sealed record PassProduct(
    string Id,
    string Name,
    string Policy,
    City? City,
    PassValidity Validity,
    int Days,
    int ActivateWithinDays,
    IReadOnlySet<City> Cities,
    IReadOnlySet<Category> Modes,
    IReadOnlySet<Category> Categories,
    int? Entries,
    IReadOnlyList<PassPrice> Prices,
    Money RefundFee)
{
    /// <summary>The price for this card, or null when the pass is not sold to its product (or, for a city's concession price, to other cities' cards).</summary>
    public PassPrice? PriceFor(FareCard card) =>
        Prices.FirstOrDefault(p => p.Product == card.Product && (City is not { } city || card.IsLocalTo(city) || p.AppliesToOtherCitiesCards));

    /// <summary>What a sold pass keeps of its product: everything but the price list, so it never depends on today's files.</summary>
    public PassTerms Terms => new(
        Id,
        Name,
        Policy,
        Validity,
        Days,
        ActivateWithinDays,
        [.. Cities.Order()],
        [.. Modes.Order()],
        [.. Categories.Order()],
        Entries,
        RefundFee);
}
