using System.Globalization;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Http;
using CityCard.Http;

namespace CityCard.Gateway.Passes;

/// <summary>
/// Passes (decision 0060): the issuer's service desk sells a pass to one of its cards, paid from the balance, and
/// refunds one pro rata; desks and the city's operations read the passes on sale; the region's clearing operators run
/// the apportionment of the pass periods that ended (decision 0061). A pass is named by the Idempotency-Key of its sale.
/// </summary>
public static class PassEndpoints
{
    public static void MapPassEndpoints(this IEndpointRouteBuilder routes)
    {
        var cards = routes.MapGroup("/v1/cards/{card}/passes").WithTags("Passes");
        cards.MapPost("/", Sell).Requires(GatewayOperation.SellPass).Idempotent()
            .Accepts<SellPassBody>("application/json").Produces<CardOperationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("SellPass")
            .WithSummary("Sell a pass to one of this city's cards, paid from its balance; the pass is named by this request's Idempotency-Key");
        cards.MapPost("/{passKey}/refund", Refund).Requires(GatewayOperation.RefundPass).Idempotent()
            .Produces<CardOperationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("RefundPass")
            .WithSummary("Refund a pass pro rata to the card's balance (whole days left after today, or entries left, less the fee)");

        routes.MapGet("/v1/passes", Catalogue).Requires(GatewayOperation.ReadPassProducts).WithTags("Passes")
            .Produces<PassCatalogue>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ListPassProducts")
            .WithSummary("The passes this city and the region sell on ?on= (yyyy-MM-dd, CST; today when left out)");

        routes.MapPost("/v1/clearing/passes/apportion", Apportion).Requires(GatewayOperation.ApportionPasses).Idempotent().WithTags("Clearing")
            .Produces<PassApportionmentRun>()
            .WithName("ApportionPasses")
            .WithSummary("Apportion every pass slice that has ended among the operators used (run at each day's end, before its window closes); repeating a key apportions nothing twice");
    }

    private static async Task<IResult> Sell(HttpContext http, IClusterClient cluster)
    {
        var body = await JsonBody.ReadAsync<SellPassBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        City? definedBy = null;
        if (!string.Equals(body.Value!.DefinedBy, "region", StringComparison.Ordinal))
        {
            if (!Cities.TryParse(body.Value.DefinedBy, out var city))
            {
                return Problems.Of(RejectionCode.UnknownCity, "definedBy is a city (ZG, LZ, NJ, YB) or 'region'.");
            }

            definedBy = city;
        }

        DateOnly? month = null;
        if (body.Value.Month is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                return Problems.Gateway(ProblemCodes.InvalidField, "month is yyyy-MM, e.g. 2027-01.");
            }

            month = first;
        }

        var request = new SellPassRequest(http.OperationId(), definedBy, body.Value.Product, month);
        return OperationResults.ToHttp(http, await cluster.Card(http.Card()).SellPass(request));
    }

    private static async Task<IResult> Refund(HttpContext http, string passKey, IClusterClient cluster, GatewaySettings gateway)
    {
        if (!OperationIds.IsValidKey(passKey))
        {
            return Problems.Of(RejectionCode.InvalidPassId, $"A pass is named by the Idempotency-Key of its sale: 1 to {OperationIds.MaxKeyLength} {Identifier.Characters}");
        }

        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = new RefundPassRequest(http.OperationId(), OperationIds.For(gateway.City, passKey));
        return OperationResults.ToHttp(http, await cluster.Card(http.Card()).RefundPass(request));
    }

    private static async Task<IResult> Catalogue(HttpContext http, IClusterClient cluster, GatewaySettings gateway, string? on)
    {
        var clock = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var day = ChinaTime.DateOf(clock.GetUtcNow());
        if (on is not null && !DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, "on is a date, yyyy-MM-dd.");
        }

        return TypedResults.Ok(await cluster.GetGrain<IPassCatalogueGrain>(0).GetPasses(gateway.City, day));
    }

    private static async Task<IResult> Apportion(HttpContext http, IClusterClient cluster)
    {
        // The run takes no parameters: a body naming any (a day, a card) is refused rather than silently ignored.
        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await cluster.GetGrain<IPassClearingGrain>(IPassClearingGrain.Key).ApportionDue(http.OperationId()));
    }
}
