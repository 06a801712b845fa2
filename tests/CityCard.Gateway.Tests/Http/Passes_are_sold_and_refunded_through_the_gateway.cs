using System.Globalization;
using System.Net;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Http;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Passes over real HTTP (decision 0060): the issuer's desk sells next month's monthly pass from the balance (a month's
/// pass is sold under the version in force on its first day, so the 2027 passes are on sale for January from December),
/// a retry answers the first outcome, other content under the key is a conflict; the pass shows in the card; it is
/// refunded in full less the fee before it starts; bad input is a named 4xx that changes nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Passes_are_sold_and_refunded_through_the_gateway(GatewayFixture gateways)
{
    private GatewayClient Desk(City city) => gateways.Client(city, Role.ServiceDesk);

    private static string NextMonth()
    {
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Next_months_pass_is_sold_from_the_balance_retried_safely_shown_and_refunded()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 100_00);
        var body = new SellPassBody { DefinedBy = "ZG", Product = "zg-monthly", Month = NextMonth() };

        var sold = await Desk(City.ZG).SellPassAsync(card, body, "pass-1");
        var again = await Desk(City.ZG).SellPassAsync(card, body, "pass-1");
        var conflict = await Desk(City.ZG).SellPassAsync(card, body with { DefinedBy = "region", Product = "regional-bus-30", Month = null }, "pass-1");

        Assert.Equal((OperationStatus.Accepted, 40_00L, "ZG:pass-1"), (sold.Expect().Status, sold.Value!.Balance, sold.Value.OperationId));
        Assert.True(again.Replayed);
        Assert.Equal(sold.Value with { Replay = true }, again.Value);
        Assert.Equal((409, "OperationConflict"), (conflict.Problem!.Status, conflict.Problem.Code));

        var pass = Assert.Single((await gateways.Client(City.ZG, Role.Operations).GetCardAsync(card)).Expect().Passes!);
        Assert.Equal(("ZG:pass-1", "zg-monthly", 60_00L), (pass.PassId, pass.Product, pass.Price.Fen));

        var refunded = (await Desk(City.ZG).RefundPassAsync(card, "pass-1", "refund-1")).Expect();
        Assert.Equal(40_00L + 58_00L, refunded.Balance);
        var twice = await Desk(City.ZG).RefundPassAsync(card, "pass-1", "refund-2");
        Assert.Equal((409, "PassAlreadyRefunded"), (twice.Problem!.Status, twice.Problem.Code));
    }

    [Fact]
    public async Task The_passes_on_sale_are_reference_data_for_the_desk()
    {
        var catalogue = (await Desk(City.YB).GetPassesAsync(new DateOnly(2027, 1, 5))).Expect();

        Assert.Equal(["yb-monthly", "regional-bus-30", "scenic-park-12"], catalogue.Passes.Select(p => p.Id));
        Assert.Contains(catalogue.Passes.Single(p => p.Id == "yb-monthly").Modes, m => m == Category.Rail);
    }

    public static TheoryData<string, string, string, HttpStatusCode, string> BadSales => new()
    {
        { "an unknown city", "passes", """{"definedBy":"XX","product":"zg-monthly","month":"2027-01"}""", HttpStatusCode.BadRequest, "UnknownCity" },
        { "a month that is no month", "passes", """{"definedBy":"ZG","product":"zg-monthly","month":"2027-13"}""", HttpStatusCode.BadRequest, "InvalidField" },
        { "no product", "passes", """{"definedBy":"ZG"}""", HttpStatusCode.BadRequest, "MissingField" },
        { "a product that is no identifier", "passes", """{"definedBy":"ZG","product":"zg monthly"}""", HttpStatusCode.BadRequest, "InvalidPassId" },
        { "a pass nobody sells", "passes", """{"definedBy":"ZG","product":"zg-weekly"}""", HttpStatusCode.UnprocessableEntity, "UnknownPassProduct" },
        { "a regional pass naming a month", "passes", $$"""{"definedBy":"region","product":"regional-bus-30","month":"{{NextMonth()}}"}""", HttpStatusCode.UnprocessableEntity, "InvalidPassStart" },
        { "a refund of a pass the card never held", "passes/never-sold/refund", "{}", HttpStatusCode.NotFound, "UnknownPass" },
        { "a refund naming no pass key", "passes/bad%20key/refund", "{}", HttpStatusCode.BadRequest, "InvalidPassId" },
    };

    [Theory]
    [MemberData(nameof(BadSales))]
    public async Task Bad_pass_input_is_a_named_4xx_and_changes_nothing(string why, string path, string json, HttpStatusCode status, string code)
    {
        var card = await gateways.CardForRefusalsAsync(nameof(Passes_are_sold_and_refunded_through_the_gateway));
        var before = await gateways.StreamVersionAsync(card);

        using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/{path}", KeyOf(City.ZG, Role.ServiceDesk), NewKey("bad"), json));

        await ProblemAssert.IsProblem(response, status, code);
        Assert.True(before == await gateways.StreamVersionAsync(card), why);
    }
}
