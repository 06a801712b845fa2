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
    }
}
