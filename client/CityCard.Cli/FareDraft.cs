using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// A draft of a city's policy file for the demo's simulation: the repository's file with one version added after the
/// others, a copy of the version in force on <c>day</c> with each bus route class's fare raised. What a city's staff
/// would write by hand (docs/concepts/fares-and-policies.md, "How a city changes its fares").
/// </summary>
internal static class FareDraft
{
    public static string RaiseBusFares(City city, DateOnly day, long byFen)
    {
        var file = JsonNode.Parse(File.ReadAllText(PolicyFile(city)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var versions = file["versions"]!.AsArray().Select(v => v!.AsObject()).ToList();
        var dates = versions.Select(v => DateOnly.ParseExact(v["effectiveFrom"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        var inForce = versions[dates.FindLastIndex(d => d <= day)];
        var draft = inForce.DeepClone().AsObject();
        draft["effectiveFrom"] = dates.Max().AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        draft["note"] = $"Draft: bus fares up by {Money.FromFen(byFen)}.";
        foreach (var routeClass in draft["bus"]!["routeClasses"]!.AsArray())
        {
            routeClass!["fare"] = routeClass["fare"]!.GetValue<long>() + byFen;
        }

        file["versions"]!.AsArray().Add(draft);
        return file.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The city's file in the repository's <c>policies/</c>, found from the working folder or the program's upwards.</summary>
    private static string PolicyFile(City city)
    {
        var name = $"{city.ToString().ToLowerInvariant()}.json";
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "policies", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"No policies/{name} above {Directory.GetCurrentDirectory()}.");
    }
}
