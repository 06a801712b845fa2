using System.Text.Json.Nodes;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;
using CsCheck;

namespace CityCard.Domain.Tests.Fares;

/// <summary>
/// A random but valid new version of Zigong's, Neijiang's and Yibin's policies, and of the regional cap, starting on
/// a given date: fares up, caps moved, transfer windows and concessions changed. Made by editing the repository's
/// files, so it is checked by the same validator.
/// </summary>
public sealed record PolicyChange(int FareRise, int CapMove, int RegionCap, int TransferWindow, int StudentShare, int FreeRides)
{
    public static Gen<PolicyChange> Gen { get; } = CsCheck.Gen.Select(
        CsCheck.Gen.Int[0, 200], CsCheck.Gen.Int[-100, 500], CsCheck.Gen.Int[700, 3_000], CsCheck.Gen.Int[10, 120], CsCheck.Gen.Int[1_000, 10_000], CsCheck.Gen.Int[1, 40],
        (fare, cap, region, window, share, free) => new PolicyChange(fare, cap, region, window, share, free));

    public IReadOnlyList<PolicySource> Apply(DateOnly from)
    {
        var date = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return RepoPolicies.Sources.Select(s => s.FileName switch
        {
            "zg.json" or "nj.json" or "yb.json" => s with { Text = RepoPolicies.Edit(s.Text, file => AddCityVersion(file, date)) },
            "region.json" => s with { Text = RepoPolicies.Edit(s.Text, file => AddVersion(file, date, v => v["dailyCap"] = RegionCap)) },
            _ => s,
        }).ToList();
    }

    private void AddCityVersion(JsonObject file, string date) => AddVersion(file, date, v =>
    {
        foreach (var routeClass in v["bus"]!["routeClasses"]!.AsArray())
        {
            routeClass!["fare"] = (long)routeClass["fare"]! + FareRise;
        }

        foreach (var band in v["rail"]?["bands"]?.AsArray() ?? [])
        {
            band!["fare"] = (long)band["fare"]! + FareRise;
        }

        v["caps"]!["daily"] = (long)v["caps"]!["daily"]! + CapMove;
        v["transfer"]!["windowMinutes"] = TransferWindow;
        foreach (var concession in v["concessions"]!.AsArray())
        {
            if (concession!["id"]!.GetValue<string>().StartsWith("student", StringComparison.Ordinal))
            {
                concession["basisPointsOff"] = StudentShare;
            }

            if (concession["freeRidesPerMonth"] is not null)
            {
                concession["freeRidesPerMonth"] = FreeRides;
            }
        }
    });

    /// <summary>A copy of the version in force on the date, edited, inserted in date order (a later version stays as it is).</summary>
    private static void AddVersion(JsonObject file, string date, Action<JsonObject> edit)
    {
        var versions = file["versions"]!.AsArray();
        var later = versions.Count(v => string.CompareOrdinal(v!["effectiveFrom"]!.GetValue<string>(), date) > 0);
        var next = versions[versions.Count - later - 1]!.DeepClone().AsObject();
        next["effectiveFrom"] = date;
        edit(next);
        versions.Insert(versions.Count - later, next);
    }
}
