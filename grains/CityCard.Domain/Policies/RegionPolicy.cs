using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>A version of what the four cities agreed for the region: the daily cap across all of them, and the region's passes.</summary>
public sealed record RegionVersion(DateOnly EffectiveFrom, Money DailyCap)
{
    public string Id => IdOf(EffectiveFrom);

    /// <summary>The passes sold for the region (the regional bus pass, the scenic and park pass): any city sells them to its own cards.</summary>
    public IReadOnlyList<PassProduct> Passes { get; init; } = [];

    public static string IdOf(DateOnly effectiveFrom) => $"region@{effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>The region's versions, oldest first.</summary>
public sealed record RegionPolicy(IReadOnlyList<RegionVersion> Versions)
{
    public RegionVersion? VersionOn(DateOnly date) => Versions.LastOrDefault(v => v.EffectiveFrom <= date);
}
