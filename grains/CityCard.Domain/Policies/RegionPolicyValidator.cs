using CityCard.Domain.Cards;

namespace CityCard.Domain.Policies;

/// <summary>region.json: the versions of the regional daily cap the four cities agreed on, and of the region's passes.</summary>
internal static class RegionPolicyValidator
{
    public static RegionPolicy? Validate(PolicyErrors errors, RegionPolicyDocument doc)
    {
        var before = errors.Count;
        var versions = new List<RegionVersion>();
        if (errors.Required("$.versions", doc.Versions) is { } docs && errors.WithinLimit("$.versions", docs, PolicyLimits.MaxVersions))
        {
            if (docs.Count == 0)
            {
                errors.Add("$.versions", PolicyErrorCode.NoVersions, "The region's policy has at least one version.");
            }

            for (var i = 0; i < docs.Count; i++)
            {
                var at = $"$.versions[{i}]";
                if (errors.Required(at, docs[i]) is not { } v)
                {
                    continue;
                }

                var from = errors.Date($"{at}.effectiveFrom", v.EffectiveFrom);
                var cap = errors.Amount($"{at}.dailyCap", v.DailyCap, CardLimits.MaxOperationAmount);
                var passes = PassesValidator.Validate(
                    errors, $"{at}.passes", v.Passes, from is { } day ? RegionVersion.IdOf(day) : string.Empty, city: null, products: null, offered: null);
                if (from is { } f && cap is { } c)
                {
                    CityPolicyValidator.CheckOrder(errors, $"{at}.effectiveFrom", versions.Select(x => x.EffectiveFrom), f);
                    versions.Add(new RegionVersion(f, c) { Passes = passes });
                }
            }
        }

        return errors.Count > before ? null : new RegionPolicy(versions);
    }
}
