namespace CityCard.Contracts;

/// <summary>
/// GET /v1/reference: what an integrator needs from a city's policy in force, so that nobody opens a policy file: the
/// products it sells, its bus routes, coach stations, rail lines with their stations, whether it runs bikes, and the
/// categories a charge may name.
/// </summary>
/// <param name="PolicyVersion">The version in force, e.g. <c>ZG@2026-11-01</c>.</param>
[GenerateSerializer, Immutable, Alias("citycard.city-reference")]
public sealed record CityReference(
    City City,
    string Brand,
    string PolicyVersion,
    IReadOnlyList<ProductReference> Products,
    IReadOnlyList<string> BusRoutes,
    IReadOnlyList<string> CoachStations,
    IReadOnlyList<RailLineReference> RailLines,
    bool Bikes,
    IReadOnlyList<Category> TransitModes,
    IReadOnlyList<Category> Categories);

/// <summary>A product the city sells: its code (for issue), name, deposit and balance ceiling in fen.</summary>
[GenerateSerializer, Immutable, Alias("citycard.product-reference")]
public sealed record ProductReference(ProductCode Code, string Name, Money Deposit, Money BalanceCeiling);

/// <summary>A rail line and its station ids, in the order the policy lists them.</summary>
[GenerateSerializer, Immutable, Alias("citycard.rail-line-reference")]
public sealed record RailLineReference(string Line, IReadOnlyList<string> Stations);
