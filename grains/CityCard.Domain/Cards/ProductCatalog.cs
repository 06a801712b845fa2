using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>The products a city sells and the rules each carries.</summary>
public sealed record ProductTerms(ProductCode Code, Money BalanceCeiling);

/// <summary>
/// Which products exist and their balance ceilings. Until city policies are loaded from data, every city sells the
/// same three products; the card decider asks this catalogue, never a hard-coded list.
/// </summary>
public sealed class ProductCatalog
{
    private readonly Dictionary<(City, ProductCode), ProductTerms> terms;

    public ProductCatalog(IEnumerable<(City City, ProductTerms Terms)> products) =>
        terms = products.ToDictionary(p => (p.City, p.Terms.Code), p => p.Terms);

    public static ProductCatalog Default { get; } = new(
        from city in Cities.All
        from code in new[] { ProductCode.Standard, ProductCode.Student, ProductCode.Senior }
        select (city, new ProductTerms(code, CardLimits.DefaultBalanceCeiling)));

    public bool TryGet(City issuer, ProductCode product, out ProductTerms productTerms) =>
        terms.TryGetValue((issuer, product), out productTerms!);

    /// <summary>The ceiling of a card's product; the default one for a card not yet issued.</summary>
    public Money BalanceCeilingOf(CardState card) =>
        card.Product is { } product && TryGet(card.Issuer, product, out var t) ? t.BalanceCeiling : CardLimits.DefaultBalanceCeiling;
}
