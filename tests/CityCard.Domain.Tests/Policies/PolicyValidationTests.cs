using System.Text.Json.Nodes;
using CityCard.Domain.Policies;
using Xunit;

namespace CityCard.Domain.Tests.Policies;

/// <summary>
/// The repository's files load; a broken file is refused with every problem named: the file, the JSON path, a code.
/// Each broken variant is the repository's file with one edit.
/// </summary>
public sealed class PolicyValidationTests
{
    [Fact]
    public void The_repositorys_policy_files_are_valid()
    {
        var result = PolicyLoader.Load(RepoPolicies.Sources);

        Assert.Empty(result.Errors);
        Assert.Equal(["LZ@2026-01-01", "LZ@2026-11-20", "LZ@2027-01-01"], result.Policies!.Cities[Contracts.City.LZ].Versions.Select(v => v.Id));
    }

    [Fact]
    public void Two_versions_starting_on_the_same_day_are_OverlappingVersions()
    {
        var errors = Errors("lz.json", lz => Version(lz, 1)["effectiveFrom"] = "2026-01-01");

        Assert.Contains(errors, e => e is { File: "lz.json", Path: "$.versions[1].effectiveFrom", Code: PolicyErrorCode.OverlappingVersions });
    }

    [Fact]
    public void Versions_listed_newest_first_are_VersionsOutOfOrder()
    {
        var errors = Errors("lz.json", lz => Version(lz, 1)["effectiveFrom"] = "2025-06-01");

        Assert.Contains(errors, e => e is { Path: "$.versions[1].effectiveFrom", Code: PolicyErrorCode.VersionsOutOfOrder });
    }

    [Fact]
    public void A_negative_bus_fare_is_NegativeFare_at_its_path()
    {
        var errors = Errors("zg.json", zg => Version(zg, 0)["bus"]!["routeClasses"]![1]!["fare"] = -300);

        var error = Assert.Single(errors);
        Assert.Equal(("zg.json", "$.versions[0].bus.routeClasses[1].fare", PolicyErrorCode.NegativeFare), (error.File, error.Path, error.Code));
    }

    [Fact]
    public void Negative_coach_rail_and_bike_fares_are_each_named()
    {
        var errors = Errors("yb.json", yb =>
        {
            Version(yb, 0)["coach"]!["fares"]![2]!["fare"] = -1;
            Version(yb, 0)["rail"]!["bands"]![0]!["fare"] = -1;
            Version(yb, 0)["bike"]!["periodFare"] = -50;
        });

        Assert.Equal(
            ["$.versions[0].coach.fares[2].fare", "$.versions[0].rail.bands[0].fare", "$.versions[0].bike.periodFare"],
            errors.Where(e => e.Code == PolicyErrorCode.NegativeFare).Select(e => e.Path));
    }

    [Fact]
    public void A_daily_cap_below_a_single_fare_is_CapBelowSingleFare()
    {
        var errors = Errors("yb.json", yb => Version(yb, 0)["caps"]!["daily"] = 400);

        var error = Assert.Single(errors);
        Assert.Equal(("$.versions[0].caps.daily", PolicyErrorCode.CapBelowSingleFare), (error.Path, error.Code));
        Assert.Contains("Rail fare of 5.00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regional_cap_below_a_single_capped_fare_of_any_city_is_CapBelowSingleFare_in_region_json()
    {
        // Luzhou's bike ceiling (6.00) is the highest single capped fare, in both of its versions.
        var errors = Errors("region.json", region => Version(region, 0)["dailyCap"] = 550);

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(("region.json", "$.versions[0].dailyCap", PolicyErrorCode.CapBelowSingleFare), (e.File, e.Path, e.Code)));
        Assert.Contains(errors, e => e.Message.Contains("LZ@2026-11-20", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bike_ceiling_below_one_period_and_a_7_day_cap_below_the_daily_cap_are_named()
    {
        var errors = Errors("zg.json", zg =>
        {
            Version(zg, 0)["bike"]!["dailyCeiling"] = 50;
            Version(zg, 0)["caps"]!["sevenDay"] = 900;
        });

        Assert.Contains(errors, e => e is { Path: "$.versions[0].bike.dailyCeiling", Code: PolicyErrorCode.CapBelowSingleFare });
        Assert.Contains(errors, e => e is { Path: "$.versions[0].caps.sevenDay", Code: PolicyErrorCode.SevenDayCapBelowDailyCap });
    }

    [Fact]
    public void A_coach_fare_naming_an_unlisted_station_is_UnknownStation()
    {
        var errors = Errors("nj.json", nj => Version(nj, 0)["coach"]!["fares"]![0]!["to"] = "ZG-XX");

        var error = Assert.Single(errors);
        Assert.Equal(("$.versions[0].coach.fares[0].to", PolicyErrorCode.UnknownStation), (error.Path, error.Code));
    }

    [Fact]
    public void References_to_undefined_route_classes_and_products_are_named()
    {
        var errors = Errors("zg.json", zg =>
        {
            Version(zg, 0)["bus"]!["routes"]![0]!["class"] = "express";
            Version(zg, 0)["concessions"]![1]!["products"]![0] = "pupil";
        });

        Assert.Contains(errors, e => e is { Path: "$.versions[0].bus.routes[0].class", Code: PolicyErrorCode.UnknownRouteClass });
        Assert.Contains(errors, e => e is { Path: "$.versions[0].concessions[1].products[0]", Code: PolicyErrorCode.UnknownProduct });
    }

    [Fact]
    public void Every_problem_of_every_file_is_reported_in_one_pass()
    {
        var sources = RepoPolicies.With("zg.json", zg => Version(zg, 0)["bus"]!["routeClasses"]![0]!["fare"] = -1)
            .Select(s => s.FileName == "lz.json" ? new PolicySource("lz.json", RepoPolicies.Edit(s.Text, lz => Version(lz, 1)["effectiveFrom"] = "2026-01-01")) : s);

        var result = PolicyLoader.Load(sources);

        Assert.Null(result.Policies);
        Assert.Equal([("lz.json", PolicyErrorCode.OverlappingVersions), ("zg.json", PolicyErrorCode.NegativeFare)], result.Errors.Select(e => (e.File, e.Code)).Order());
    }

    [Fact]
    public void A_missing_file_a_syntax_error_a_misspelt_field_and_a_wrong_city_are_each_named()
    {
        Assert.Contains(PolicyLoader.Load(RepoPolicies.Without("nj.json")).Errors, e => e is { File: "nj.json", Code: PolicyErrorCode.MissingFile });

        var broken = RepoPolicies.Sources.Select(s => s.FileName == "yb.json" ? s with { Text = s.Text.Replace("\"fare\": 200 }", "\"fare\": 200 ", StringComparison.Ordinal) } : s);
        Assert.Contains(PolicyLoader.Load(broken).Errors, e => e is { File: "yb.json", Code: PolicyErrorCode.InvalidJson });

        var misspelt = Errors("lz.json", lz => Version(lz, 0)["bus"]!.AsObject()["routeClass"] = new JsonArray());
        var typo = Assert.Single(misspelt);
        Assert.Equal(PolicyErrorCode.InvalidJson, typo.Code);
        Assert.StartsWith("$.versions[0].bus", typo.Path, StringComparison.Ordinal);
        Assert.Contains("routeClass", typo.Message, StringComparison.Ordinal);

        var wrongCity = Errors("lz.json", lz => lz["city"] = "YB");
        Assert.Equal(PolicyErrorCode.CityMismatch, Assert.Single(wrongCity).Code);
    }

    [Fact]
    public void A_concession_must_be_either_a_share_or_free_rides()
    {
        var errors = Errors("nj.json", nj => Version(nj, 0)["concessions"]![1]!["basisPointsOff"] = 5000);

        Assert.Equal(("$.versions[0].concessions[1]", PolicyErrorCode.ConcessionNeedsOneKind), (Assert.Single(errors).Path, errors[0].Code));
    }

    [Fact]
    public void Rail_bands_that_stop_short_of_the_longest_trip_are_RailBandsTooShort()
    {
        var errors = Errors("yb.json", yb => Version(yb, 0)["rail"]!["bands"]!.AsArray().RemoveAt(3));

        Assert.Contains(errors, e => e is { Path: "$.versions[0].rail.bands", Code: PolicyErrorCode.RailBandsTooShort });
    }

    [Fact]
    public void A_transit_mode_in_a_merchant_discount_and_a_merchant_category_in_a_concession_are_named()
    {
        var errors = Errors("zg.json", zg =>
        {
            Version(zg, 0)["merchantDiscounts"]![0]!["categories"]![0] = "Bus";
            Version(zg, 0)["concessions"]![0]!["modes"]![0] = "Cinema";
        });

        Assert.Contains(errors, e => e is { Path: "$.versions[0].merchantDiscounts[0].categories[0]", Code: PolicyErrorCode.NotAMerchantCategory });
        Assert.Contains(errors, e => e is { Path: "$.versions[0].concessions[0].modes[0]", Code: PolicyErrorCode.NotATransitMode });
    }

    private static List<PolicyError> Errors(string file, Action<JsonObject> edit)
    {
        var result = PolicyLoader.Load(RepoPolicies.With(file, edit));
        Assert.Null(result.Policies);
        return [.. result.Errors];
    }

    private static JsonObject Version(JsonObject file, int index) => file["versions"]![index]!.AsObject();
}
