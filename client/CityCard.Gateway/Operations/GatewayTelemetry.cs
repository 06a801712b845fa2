using System.Diagnostics;
using CityCard.Cluster.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace CityCard.Gateway.Operations;

/// <summary>
/// The gateway's telemetry: the hosts' common traces, metrics and log format (<see cref="HostTelemetry"/>), every HTTP
/// server measurement tagged with the gateway's city, /metrics, and the trace id in every problem answer, so that a
/// client quoting it finds the request in both the gateway's and the silo's logs and traces.
/// </summary>
public static class GatewayTelemetry
{
    public const string ServiceName = "citycard-gateway";

    public static void AddGatewayTelemetry(this WebApplicationBuilder builder, GatewaySettings settings)
    {
        builder.AddCityCardTelemetry(ServiceName, settings.Telemetry, [], [GatewayMetrics.MeterName]);
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = problem =>
        {
            problem.ProblemDetails.Extensions["traceId"] = TraceId(problem.HttpContext);
            problem.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>().RecordProblem(
                problem.ProblemDetails.Status ?? problem.HttpContext.Response.StatusCode,
                problem.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string name ? name : "none");
        });
    }

    public static void UseGatewayTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<GatewaySettings>();
        var city = new KeyValuePair<string, object?>("city", settings.City.ToString());
        _ = app.Services.GetRequiredService<GatewayMetrics>(); // its gauge is observed from the start
        app.UseCityCardMetrics(settings.Telemetry);
        app.Use((http, next) =>
        {
            http.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(city);
            return next(http);
        });
    }

    /// <summary>The request's W3C trace id (32 hex digits): the one a caller's traceparent named, or the one we started.</summary>
    public static string TraceId(HttpContext http) => Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier;
}
