namespace CityCard.Contracts;

/// <summary>
/// A pass on sale, as the policy in force on <c>Day</c> defines it (reference data for the desks and the holders).
/// </summary>
/// <param name="DefinedBy">The city whose policy defines it, or <c>region</c>.</param>
/// <param name="Policy">The version that defines it, e.g. <c>region@2027-01-01</c>.</param>
/// <param name="Validity"><c>CalendarMonth</c>, <c>DaysFromSale</c> or <c>DaysFromFirstUse</c>.</param>
[GenerateSerializer, Immutable, Alias("citycard.pass-product-view")]
public sealed record PassProductView(
    string DefinedBy,
    string Id,
    string Name,
    string Policy,
    string Validity,
    int Days,
    int ActivateWithinDays,
    IReadOnlyList<City> Cities,
    IReadOnlyList<Category> Modes,
    IReadOnlyList<Category> Categories,
    int? Entries,
    IReadOnlyList<PassPriceView> Prices,
    Money RefundFee);

/// <summary>A pass's price for one card product; a city's concession price is for its own cards unless it says otherwise.</summary>
[GenerateSerializer, Immutable, Alias("citycard.pass-price-view")]
public sealed record PassPriceView(ProductCode Product, Money Price, bool AppliesToOtherCitiesCards);

/// <summary>The passes a city and the region sell on a CST date.</summary>
[GenerateSerializer, Immutable, Alias("citycard.pass-catalogue")]
public sealed record PassCatalogue(DateOnly Day, IReadOnlyList<PassProductView> Passes);
