using System.Text.Json;
using System.Text.Json.Serialization;
using CityCard.Contracts;
using CityCard.Silo.Operators;

namespace CityCard.Silo.ClearingView;

/// <summary>
/// <c>/clearing</c> (the page) and <c>/clearing/data</c> (the same figures as JSON), read-only, behind the operator
/// keys. Answers are never cached and the page may load nothing from anywhere (content security policy).
/// </summary>
public static class ClearingViewEndpoints
{
    public const string Path = "/clearing";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void MapClearingView(this WebApplication app)
    {
        var group = app.MapGroup(Path).RequireAuthorization(OperatorAuthentication.Policy).ExcludeFromDescription();
        group.MapGet(string.Empty, async (HttpContext http, ClearingViewQuery query, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            NoStore(http, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            var data = await query.ReadAsync(await ProjectionStatusAsync(grains), cancellationToken);
            return Results.Content(ClearingViewPage.Render(data, http.User.Identity?.Name), "text/html; charset=utf-8");
        });
        group.MapGet("/data", async (HttpContext http, ClearingViewQuery query, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            NoStore(http, "default-src 'none'; frame-ancestors 'none'");
            return Results.Json(await query.ReadAsync(await ProjectionStatusAsync(grains), cancellationToken), Json);
        });
    }

    private static Task<ProjectionStatus> ProjectionStatusAsync(IGrainFactory grains) =>
        grains.GetGrain<IRegionClearingGrain>(IRegionClearingGrain.Key).GetProjectionStatus();

    private static void NoStore(HttpContext http, string policy)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = policy;
    }
}
