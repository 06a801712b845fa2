using System.Text.Json.Nodes;
using CityCard.Domain.Fares;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Tests.Policies;

/// <summary>
/// The passes in the repository's files, and every way a pass block can be wrong, each named with its file, JSON
/// path and code: a draft policy that fails these is refused with the same errors (simulation reuses the loader).
/// </summary>
public sealed class PassPolicyTests
{
    private static readonly DateOnly January = new(2027, 1, 1);

    [Fact]
    public void Each_city_sells_a_monthly_pass_and_the_region_a_bus_pass_and_a_scenic_pass_from_2027_01_01()
    {
        var set = RepoPolicies.Set;

        var zg = set.PassOn(City.ZG, "zg-monthly", January)!;
        Assert.Equal(("ZG@2027-01-01", PassValidity.CalendarMonth), (zg.Policy, zg.Validity));
        Assert.Equal([(ProductCode.Standard, 6000L), (ProductCode.Student, 3000L), (ProductCode.Senior, 2000L)], zg.Prices.Select(p => (p.Product, p.Price.Fen)));
        Assert.Equal([Category.Bus, Category.Rail], set.PassOn(City.YB, "yb-monthly", January)!.Modes.Order());

        var regional = set.PassOn(null, "regional-bus-30", January)!;
        Assert.Equal(("region@2027-01-01", PassValidity.DaysFromFirstUse, 30, 60), (regional.Policy, regional.Validity, regional.Days, regional.ActivateWithinDays));
        Assert.Equal(Cities.All, regional.Cities.Order());

        var scenic = set.PassOn(null, "scenic-park-12", January)!;
        Assert.Equal((PassValidity.DaysFromSale, 365, 12), (scenic.Validity, scenic.Days, scenic.Entries));
        Assert.Equal([Category.ScenicSite, Category.Park], scenic.Categories.Order());

        Assert.Null(set.PassOn(City.ZG, "zg-monthly", January.AddDays(-1)));
    }

    [Theory]
    [InlineData("zg.json")]
    [InlineData("lz.json")]
    [InlineData("nj.json")]
    [InlineData("yb.json")]
    [InlineData("region.json")]
    public void The_version_that_brings_passes_changes_nothing_else(string file)
    {
        var versions = RepoPolicies.Sources.Single(s => s.FileName == file).Text is var text
            ? JsonNode.Parse(RepoPolicies.Edit(text, _ => { }))!["versions"]!.AsArray()
            : throw new InvalidOperationException();
        var (before, after) = (versions[^2]!.AsObject().DeepClone().AsObject(), versions[^1]!.AsObject().DeepClone().AsObject());
        foreach (var field in new[] { "effectiveFrom", "note", "passes" })
        {
            before.Remove(field);
            after.Remove(field);
        }

        Assert.Equal("2027-01-01", versions[^1]!["effectiveFrom"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(before, after), $"{file}: the 2027-01-01 version changes more than its passes");
    }

    [Fact]
    public void A_citys_concession_prices_are_for_its_own_cards_its_standard_price_for_every_card_and_the_regions_for_all()
    {
        var zg = RepoPolicies.Set.PassOn(City.ZG, "zg-monthly", January)!;
        var regional = RepoPolicies.Set.PassOn(null, "regional-bus-30", January)!;

        Assert.Equal(3000, zg.PriceFor(new FareCard(City.ZG, ProductCode.Student))!.Price.Fen);
        Assert.Null(zg.PriceFor(new FareCard(City.LZ, ProductCode.Student)));
        Assert.Equal(6000, zg.PriceFor(new FareCard(City.LZ, ProductCode.Standard))!.Price.Fen);
        Assert.Null(zg.PriceFor(new FareCard(City.ZG, ProductCode.Parse("employee"))));
        Assert.Equal(9000, regional.PriceFor(new FareCard(City.NJ, ProductCode.Student))!.Price.Fen);
    }

    public static TheoryData<string, string, string, PolicyErrorCode> BrokenPasses => new()
    {
        { "zg.json", "validity = Weekly", ".passes[0].validity", PolicyErrorCode.InvalidValue },
        { "zg.json", "days on a calendar month", ".passes[0].days", PolicyErrorCode.InvalidValue },
        { "zg.json", "a price for a product not sold", ".passes[0].prices[1].product", PolicyErrorCode.UnknownProduct },
        { "zg.json", "a negative price", ".passes[0].prices[0].price", PolicyErrorCode.NegativeAmount },
        { "zg.json", "a price of nothing", ".passes[0].prices[0].price", PolicyErrorCode.InvalidValue },
        { "zg.json", "a price above 1,000 yuan", ".passes[0].prices[0].price", PolicyErrorCode.AboveLimit },
        { "zg.json", "rail in a city without rail", ".passes[0].modes", PolicyErrorCode.PassModeNotOffered },
        { "zg.json", "no modes and no categories", ".passes[0]", PolicyErrorCode.InvalidPassScope },
        { "zg.json", "entries on rides", ".passes[0].entries", PolicyErrorCode.InvalidPassScope },
        { "zg.json", "cities in a city's pass", ".passes[0].cities", PolicyErrorCode.InvalidValue },
        { "zg.json", "the same id twice", ".passes[1].id", PolicyErrorCode.DuplicateId },
        { "zg.json", "a refund fee above the lowest price", ".passes[0].refundFee", PolicyErrorCode.AboveLimit },
        { "zg.json", "a transit mode as a category", ".passes[0].categories[0]", PolicyErrorCode.NotAMerchantCategory },
        { "zg.json", "the same product priced twice", ".passes[0].prices[1].product", PolicyErrorCode.DuplicateId },
        { "zg.json", "no prices", ".passes[0].prices", PolicyErrorCode.MissingField },
        { "region.json", "no days on a first-use pass", ".passes[0].days", PolicyErrorCode.MissingField },
        { "region.json", "no activation limit on a first-use pass", ".passes[0].activateWithinDays", PolicyErrorCode.MissingField },
        { "region.json", "an activation limit on a pass from its sale", ".passes[1].activateWithinDays", PolicyErrorCode.InvalidValue },
        { "region.json", "a city that is not one", ".passes[0].cities[1]", PolicyErrorCode.InvalidValue },
        { "region.json", "no cities", ".passes[0].cities", PolicyErrorCode.MissingField },
        { "region.json", "other cities' cards in the region", ".passes[1].prices[0].appliesToOtherCitiesCards", PolicyErrorCode.InvalidValue },
        { "region.json", "days beyond a leap year", ".passes[1].days", PolicyErrorCode.InvalidValue },
        { "region.json", "too many entries", ".passes[1].entries", PolicyErrorCode.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(BrokenPasses))]
    public void A_broken_pass_is_refused_with_its_file_path_and_code(string file, string broken, string path, PolicyErrorCode code)
    {
        var result = PolicyLoader.Load(RepoPolicies.With(file, f => Break(Newest(f), broken)));

        Assert.Null(result.Policies);
        var version = file == "region.json" ? "$.versions[1]" : file == "lz.json" ? "$.versions[2]" : "$.versions[1]";
        Assert.Contains(result.Errors, e => e.File == file && e.Path == version + path && e.Code == code);
    }

    [Fact]
    public void A_misspelt_field_in_a_pass_is_InvalidJson_with_its_path()
    {
        var result = PolicyLoader.Load(RepoPolicies.With("region.json", f => Newest(f)["passes"]![0]!.AsObject()["day"] = 30));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("region.json", PolicyErrorCode.InvalidJson), (error.File, error.Code));
        Assert.StartsWith("$.versions[1].passes[0]", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_every_pass_is_reported_in_one_pass()
    {
        var sources = RepoPolicies.With("zg.json", zg => Break(Newest(zg), "rail in a city without rail"))
            .Select(s => s.FileName == "region.json" ? s with { Text = RepoPolicies.Edit(s.Text, r => Break(Newest(r), "no days on a first-use pass")) } : s);

        var result = PolicyLoader.Load(sources);

        Assert.Equal(
            [("region.json", PolicyErrorCode.MissingField), ("zg.json", PolicyErrorCode.PassModeNotOffered)],
            result.Errors.Select(e => (e.File, e.Code)).Order());
    }

    private static JsonObject Newest(JsonObject file) => file["versions"]!.AsArray()[^1]!.AsObject();

    private static void Break(JsonObject version, string broken)
    {
        var pass = version["passes"]![0]!.AsObject();
        var prices = pass["prices"]!.AsArray();
        switch (broken)
        {
            case "validity = Weekly": pass["validity"] = "Weekly"; break;
            case "days on a calendar month": pass["days"] = 31; break;
            case "a price for a product not sold": prices[1]!["product"] = "pupil"; break;
            case "a negative price": prices[0]!["price"] = -1; break;
            case "a price of nothing": prices[0]!["price"] = 0; break;
            case "a price above 1,000 yuan": prices[0]!["price"] = 100_001; break;
            case "rail in a city without rail": pass["modes"] = new JsonArray("Bus", "Rail"); break;
            case "no modes and no categories": pass.Remove("modes"); break;
            case "entries on rides": pass["entries"] = 40; break;
            case "cities in a city's pass": pass["cities"] = new JsonArray("ZG"); break;
            case "the same id twice": version["passes"]!.AsArray().Add(pass.DeepClone()); break;
            case "a refund fee above the lowest price": pass["refundFee"] = 2001; break;
            case "a transit mode as a category": pass["categories"] = new JsonArray("Bus"); break;
            case "the same product priced twice": prices[1]!["product"] = "standard"; break;
            case "no prices": pass["prices"] = new JsonArray(); break;
            case "no days on a first-use pass": pass.Remove("days"); break;
            case "no activation limit on a first-use pass": pass.Remove("activateWithinDays"); break;
            case "an activation limit on a pass from its sale": version["passes"]![1]!["activateWithinDays"] = 10; break;
            case "a city that is not one": pass["cities"]![1] = "CD"; break;
            case "no cities": pass["cities"] = new JsonArray(); break;
            case "other cities' cards in the region": version["passes"]![1]!["prices"]![0]!["appliesToOtherCitiesCards"] = true; break;
            case "days beyond a leap year": version["passes"]![1]!["days"] = 367; break;
            case "too many entries": version["passes"]![1]!["entries"] = 1_001; break;
            default: throw new ArgumentOutOfRangeException(nameof(broken), broken, "No such breakage.");
        }
    }
}
