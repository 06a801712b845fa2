using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Reference;

/// <summary>/openapi/v1.json and the browsable reference page /docs; both public, like any API's documentation.</summary>
public static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/docs", (EndpointDataSource endpoints, GatewaySettings settings) =>
                TypedResults.Content(ReferencePage.Render(endpoints.Endpoints, settings.City), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        app.MapGet("/v1/reference", Data).WithTags("Reference").Requires(GatewayOperation.ReadReferenceData)
            .Produces<CityReference>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("This city's products, bus routes, coach stations, rail lines and stations, and categories, from the policy in force");
    }

    /// <summary>The silo holds the policies; the gateway asks it (a stateless worker per city) rather than reading files.</summary>
    private static async Task<IResult> Data(IClusterClient cluster, GatewaySettings settings, TimeProvider clock) =>
        await cluster.GetGrain<IReferenceDataGrain>(settings.City.ToString()).Get(clock.GetUtcNow()) is { } reference
            ? TypedResults.Ok(reference)
            : Problems.Of(RejectionCode.NoPolicyInForce, $"No policy of {settings.City} is in force today.");
}
