using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// One complete version of a city's policy, in force from 00:00 CST on <see cref="EffectiveFrom"/> until the next
/// version starts. A version is whole, never a patch on the one before, so a fare can be checked against one block
/// of one file.
/// </summary>
public sealed record PolicyVersion
{
    public required City City { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    public required IReadOnlyDictionary<ProductCode, ProductTerms> Products { get; init; }

    public PeakHours PeakHours { get; init; } = PeakHours.None;

    public BusFares? Bus { get; init; }

    public CoachFares? Coach { get; init; }

    public RailFares? Rail { get; init; }

    public BikeFares? Bike { get; init; }

    public IReadOnlyList<MerchantDiscount> MerchantDiscounts { get; init; } = [];

    public IReadOnlyList<Concession> Concessions { get; init; } = [];

    public TransferRule? Transfer { get; init; }

    public required FareCaps Caps { get; init; }

    /// <summary>The passes the city sells under this version (see docs/concepts/passes.md).</summary>
    public IReadOnlyList<PassProduct> Passes { get; init; } = [];

    /// <summary>How fare breakdowns name this version, e.g. <c>LZ@2026-11-20</c>.</summary>
    public string Id => IdOf(City, EffectiveFrom);

    public static string IdOf(City city, DateOnly effectiveFrom) => $"{city}@{effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The most a single ride in that mode can cost before reductions; zero when the city does not run it.</summary>
    public Money HighestFare(Category mode) => mode switch
    {
        Category.Bus => Bus?.HighestFare ?? Money.Zero,
        Category.Coach => Coach?.HighestFare ?? Money.Zero,
        Category.Rail => Rail?.HighestFare ?? Money.Zero,
        Category.Bike => Bike?.HighestFare ?? Money.Zero,
        _ => Money.Zero,
    };

    /// <summary>The most a single ride counted toward the caps can cost.</summary>
    public Money HighestCappedFare => Caps.Modes.Select(HighestFare).DefaultIfEmpty().Max();
}
