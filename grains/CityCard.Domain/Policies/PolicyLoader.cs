using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>The text of one policy file and the name it goes by (zg.json, …, region.json).</summary>
public sealed record PolicySource(string FileName, string Text);

/// <summary>Either a policy set, or every error found; never both.</summary>
public sealed record PolicyLoadResult(PolicySet? Policies, IReadOnlyList<PolicyError> Errors)
{
    public bool IsValid => Policies is not null;
}

/// <summary>
/// Reads and validates the five policy files together, purely: the caller reads the files. Every problem is reported,
/// each with its file, JSON path and a named code; a set is returned only when there are none.
/// </summary>
public static class PolicyLoader
{
    public const string RegionFile = "region.json";

    public static string FileOf(City city) => $"{city.ToString().ToLowerInvariant()}.json";

    public static PolicyLoadResult Load(IEnumerable<PolicySource> sources)
    {
        var files = sources.ToDictionary(s => s.FileName, s => s.Text, StringComparer.Ordinal);
        var errors = new List<PolicyError>();
        var cities = new Dictionary<City, CityPolicy>();
        foreach (var city in Cities.All)
        {
            if (Read<CityPolicyDocument>(files, FileOf(city), errors) is { } doc)
            {
                var sink = new PolicyErrors(FileOf(city));
                if (CityPolicyValidator.Validate(sink, city, doc) is { } policy)
                {
                    cities[city] = policy;
                }

                errors.AddRange(sink.All);
            }
        }

        RegionPolicy? region = null;
        if (Read<RegionPolicyDocument>(files, RegionFile, errors) is { } regionDoc)
        {
            var sink = new PolicyErrors(RegionFile);
            region = RegionPolicyValidator.Validate(sink, regionDoc);
            errors.AddRange(sink.All);
        }

        if (region is not null)
        {
            errors.AddRange(RegionCapCoversCityFares(region, cities.Values));
        }

        return errors.Count == 0 && region is not null
            ? new PolicyLoadResult(new PolicySet(cities, region), [])
            : new PolicyLoadResult(null, errors);
    }

    private static T? Read<T>(Dictionary<string, string> files, string file, List<PolicyError> errors)
        where T : class
    {
        if (!files.TryGetValue(file, out var text))
        {
            errors.Add(new PolicyError(file, "$", PolicyErrorCode.MissingFile, "The file is missing."));
            return null;
        }

        var (document, error) = PolicyReader.Read<T>(file, text);
        if (error is not null)
        {
            errors.Add(error);
        }

        return document;
    }

    /// <summary>The regional daily cap, in each of its versions, must cover a single capped fare of every city version it overlaps.</summary>
    private static IEnumerable<PolicyError> RegionCapCoversCityFares(RegionPolicy region, IEnumerable<CityPolicy> cities)
    {
        for (var r = 0; r < region.Versions.Count; r++)
        {
            var (from, until) = Span(region.Versions.Select(v => v.EffectiveFrom).ToList(), r);
            foreach (var city in cities)
            {
                for (var c = 0; c < city.Versions.Count; c++)
                {
                    var (cityFrom, cityUntil) = Span(city.Versions.Select(v => v.EffectiveFrom).ToList(), c);
                    var version = city.Versions[c];
                    if (cityFrom < until && from < cityUntil && version.HighestCappedFare > region.Versions[r].DailyCap)
                    {
                        yield return new PolicyError(
                            RegionFile,
                            $"$.versions[{r}].dailyCap",
                            PolicyErrorCode.CapBelowSingleFare,
                            $"The regional daily cap {region.Versions[r].DailyCap} is below a single capped fare of {version.HighestCappedFare} in {version.Id}.");
                    }
                }
            }
        }
    }

    /// <summary>The days a version is in force: from its date up to the next version's (or for ever).</summary>
    private static (DateOnly From, DateOnly Until) Span(List<DateOnly> starts, int index) =>
        (starts[index], index + 1 < starts.Count ? starts[index + 1] : DateOnly.MaxValue);
}
