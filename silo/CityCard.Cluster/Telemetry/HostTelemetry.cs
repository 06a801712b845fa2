using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityCard.Cluster.Telemetry;

/// <summary>
/// OpenTelemetry as every CityCard host has it: traces of ASP.NET Core requests, outgoing HTTP calls, Orleans grain
/// calls (their context carried across the wire by <c>AddActivityPropagation</c> on both sides) and PostgreSQL
/// commands; metrics of the HTTP server, the .NET runtime, Npgsql and Orleans; a Prometheus scrape endpoint beside
/// OTLP or the console; and a log format that names the trace of every line. Each host adds its own sources and
/// meters (the silo: cards and clearing).
/// </summary>
public static class HostTelemetry
{
    /// <summary>Orleans' tracing sources: the grain calls made (client side) and served (silo side).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public const string OrleansMeter = "Microsoft.Orleans";

    public static void AddCityCardTelemetry(
        this WebApplicationBuilder builder,
        string serviceName,
        TelemetrySettings settings,
        string[] sources,
        string[] meters)
    {
        TraceLogFormatter.Use(builder.Logging);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SampleRatio)));
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path));
                tracing.AddHttpClientInstrumentation();
                tracing.AddNpgsql();
                tracing.AddSource([.. OrleansSources, .. sources]);
                switch (settings.Exporter)
                {
                    case "console":
                        tracing.AddConsoleExporter();
                        break;
                    case "otlp":
                        tracing.AddOtlpExporter(o => o.Endpoint = settings.OtlpEndpoint ?? o.Endpoint);
                        break;
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation();
                metrics.AddHttpClientInstrumentation();
                metrics.AddRuntimeInstrumentation();
                metrics.AddNpgsqlInstrumentation();
                metrics.AddMeter([OrleansMeter, .. meters]);
                metrics.AddPrometheusExporter();
                switch (settings.Exporter)
                {
                    case "console":
                        metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000);
                        break;
                    case "otlp":
                        metrics.AddOtlpExporter(o => o.Endpoint = settings.OtlpEndpoint ?? o.Endpoint);
                        break;
                }
            });
    }

    /// <summary>Probes and scrapes: traced, they would bury the requests that matter.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsEndpoint.Path);
}
