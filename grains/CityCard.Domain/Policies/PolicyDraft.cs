using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// A city's draft policy, validated exactly as the silo validates its files (the draft in place of the city's file,
/// beside the other files in force), and the version it proposes: the draft's newest. What a simulation tries.
/// </summary>
/// <param name="Tried">The draft's newest version: the change the city is considering.</param>
/// <param name="InForce">The policies in force, as loaded by the silo.</param>
public sealed record PolicyDraft(City City, PolicyVersion Tried, PolicySet InForce)
{
    /// <summary>
    /// The draft as a file the silo would read, or every error the silo would report for it (the same file name, JSON
    /// path, code and message): a draft that would not pass validation is refused with the same errors.
    /// </summary>
    public static (PolicyDraft? Draft, IReadOnlyList<PolicyError> Errors) Load(IReadOnlyList<PolicySource> inForce, City city, string draftText)
    {
        var file = PolicyLoader.FileOf(city);
        var current = PolicyLoader.Load(inForce);
        var drafted = PolicyLoader.Load(inForce.Where(s => s.FileName != file).Append(new PolicySource(file, draftText)));
        if (current.Policies is not { } set)
        {
            return (null, current.Errors);
        }

        return drafted.Policies is { } policies
            ? (new PolicyDraft(city, policies.Cities[city].Versions[^1], set), [])
            : (null, drafted.Errors);
    }

    /// <summary>
    /// The policies a simulation of [<paramref name="from"/>, …] prices with: those in force, except that the city's
    /// tried version is in force from 00:00 CST on <paramref name="from"/> (whatever date the draft gives it), after the
    /// city's versions that started before that day.
    /// </summary>
    public PolicySet TrialFrom(DateOnly from)
    {
        var before = InForce.Cities[City].Versions.Where(v => v.EffectiveFrom < from);
        var trial = InForce.Cities[City] with { Versions = [.. before, Tried with { EffectiveFrom = from }] };
        var cities = InForce.Cities.ToDictionary(c => c.Key, c => c.Key == City ? trial : c.Value);
        return new PolicySet(cities, InForce.Region);
    }
}
