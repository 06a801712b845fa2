using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>One city's file: its city and brand, and its versions, oldest first, no two on the same day.</summary>
internal static class CityPolicyValidator
{
    public static CityPolicy? Validate(PolicyErrors errors, City expected, CityPolicyDocument doc)
    {
        var before = errors.Count;
        var city = errors.CityCode("$.city", doc.City);
        if (city is { } c && c != expected)
        {
            errors.Add("$.city", PolicyErrorCode.CityMismatch, $"The file {errors.File} is {expected}'s policy, but says {c}.");
        }

        var brand = errors.Required("$.brand", doc.Brand);
        if (brand is not null && (brand.Length is 0 or > PolicyLimits.MaxNameLength))
        {
            errors.Add("$.brand", PolicyErrorCode.InvalidValue, $"A brand is 1 to {PolicyLimits.MaxNameLength} characters.");
        }

        var versions = new List<PolicyVersion>();
        if (errors.Required("$.versions", doc.Versions) is { } docs && errors.WithinLimit("$.versions", docs, PolicyLimits.MaxVersions))
        {
            if (docs.Count == 0)
            {
                errors.Add("$.versions", PolicyErrorCode.NoVersions, "A policy has at least one version.");
            }

            for (var i = 0; i < docs.Count; i++)
            {
                if (errors.Required($"$.versions[{i}]", docs[i]) is { } v
                    && PolicyVersionValidator.Validate(errors, $"$.versions[{i}]", expected, v) is { } version)
                {
                    CheckOrder(errors, $"$.versions[{i}].effectiveFrom", versions, version.EffectiveFrom);
                    versions.Add(version);
                }
            }
        }

        return errors.Count > before || brand is null ? null : new CityPolicy(expected, brand, versions);
    }

    /// <summary>Each version runs until the next starts, so two starting on the same day overlap entirely.</summary>
    public static void CheckOrder(PolicyErrors errors, string path, IEnumerable<DateOnly> earlier, DateOnly from)
    {
        foreach (var previous in earlier)
        {
            if (previous == from)
            {
                errors.Add(path, PolicyErrorCode.OverlappingVersions, $"Another version also starts on {from:yyyy-MM-dd}; which one is in force that day would be ambiguous.");
                return;
            }

            if (previous > from)
            {
                errors.Add(path, PolicyErrorCode.VersionsOutOfOrder, $"Versions are listed oldest first; {from:yyyy-MM-dd} comes after {previous:yyyy-MM-dd}.");
                return;
            }
        }
    }

    private static void CheckOrder(PolicyErrors errors, string path, List<PolicyVersion> earlier, DateOnly from) =>
        CheckOrder(errors, path, earlier.Select(v => v.EffectiveFrom), from);
}
