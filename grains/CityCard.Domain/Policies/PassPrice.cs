using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// What a pass costs a card of one product. A city's price is for its own cards only unless
/// <see cref="AppliesToOtherCitiesCards"/> (T-Union practice, as for concessions); the region's prices apply to every
/// card of the region.
/// </summary>
public sealed record PassPrice(ProductCode Product, Money Price, bool AppliesToOtherCitiesCards);
