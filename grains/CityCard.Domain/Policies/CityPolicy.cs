using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>A city's brand and the versions of its policy, oldest first, no two starting on the same day.</summary>
public sealed record CityPolicy(City City, string Brand, IReadOnlyList<PolicyVersion> Versions)
{
    /// <summary>The version in force on a CST date, or null before the first one.</summary>
    public PolicyVersion? VersionOn(DateOnly date) => Versions.LastOrDefault(v => v.EffectiveFrom <= date);
}
