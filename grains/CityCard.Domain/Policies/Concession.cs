using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// A reduction some products get on some modes: either a share of the fare off (<see cref="BasisPointsOff"/>,
/// 10,000 = free) or the first <see cref="FreeRidesPerMonth"/> rides of each calendar month (CST) free in this city.
/// By default only the city's own cards get it (T-Union practice); <see cref="AppliesToOtherCitiesCards"/> opens it to
/// cards of the other three cities with the same product code.
/// </summary>
public sealed record Concession(
    string Id,
    IReadOnlySet<ProductCode> Products,
    IReadOnlySet<Category> Modes,
    int BasisPointsOff,
    int? FreeRidesPerMonth,
    bool OffPeakOnly,
    bool AppliesToOtherCitiesCards);
