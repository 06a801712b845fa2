using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>A discount on merchant categories (a scenic site, a park) for some products, local cards only by default.</summary>
public sealed record MerchantDiscount(
    string Id,
    IReadOnlySet<Category> Categories,
    IReadOnlySet<ProductCode> Products,
    int BasisPointsOff,
    bool AppliesToOtherCitiesCards);
