using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>A version of what the four cities agreed for the region: the daily cap across all of them.</summary>
public sealed record RegionVersion(DateOnly EffectiveFrom, Money DailyCap)
{
    public string Id => $"region@{EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>The region's versions, oldest first.</summary>
public sealed record RegionPolicy(IReadOnlyList<RegionVersion> Versions)
{
    public RegionVersion? VersionOn(DateOnly date) => Versions.LastOrDefault(v => v.EffectiveFrom <= date);
}
