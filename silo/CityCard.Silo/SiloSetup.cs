using System.Net;
using CityCard.Grains;
using CityCard.Grains.Clearing;
using CityCard.Grains.Telemetry;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityCard.Silo;

public static class SiloSetup
{
    /// <summary>
    /// Orleans, the grains' services (Marten with the schema applied at start), the clearing house (configuration
    /// section Clearing, started with the silo), telemetry and the dashboard.
    /// </summary>
    public static void AddCityCardSilo(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.Services.AddCityCardGrains(settings.PostgresConnectionString);
        builder.Services.Configure<ClearingOptions>(builder.Configuration.GetSection(ClearingOptions.Section));
        builder.Services.AddCityCardClearing();

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            // The clearing house's keep-alive reminder needs a reminder service. In memory until the ADO.NET
            // (PostgreSQL) reminder table lands with the cluster's own schema; swap this line for it then.
            silo.UseInMemoryReminderService();
            silo.AddStartupTask(ClearingStartup.WakeAsync);
            silo.AddActivityPropagation();
            silo.AddDashboard();
        });

        AddTelemetry(builder, settings);
    }

    public static void MapCityCardEndpoints(this WebApplication app, SiloSettings settings)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

        // The dashboard has no authentication of its own: by default only this machine may see it.
        var dashboard = app.MapOrleansDashboard("/dashboard");
        if (!settings.DashboardAllowRemote)
        {
            dashboard.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                    ? await next(context)
                    : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The dashboard is served to loopback only (Dashboard:AllowRemote)."));
        }
    }

    private static void AddTelemetry(WebApplicationBuilder builder, SiloSettings settings)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("citycard-silo"))
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", CardTelemetry.SourceName, ClearingTelemetry.SourceName);
                AddTraceExporter(tracing, settings);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", CardTelemetry.MeterName, ClearingTelemetry.MeterName);
                AddMetricExporter(metrics, settings);
            });
        _ = otel;
    }

    private static void AddTraceExporter(TracerProviderBuilder tracing, SiloSettings settings)
    {
        switch (settings.TelemetryExporter)
        {
            case "console":
                tracing.AddConsoleExporter();
                break;
            case "otlp":
                tracing.AddOtlpExporter(o => o.Endpoint = settings.OtlpEndpoint ?? o.Endpoint);
                break;
        }
    }

    private static void AddMetricExporter(MeterProviderBuilder metrics, SiloSettings settings)
    {
        switch (settings.TelemetryExporter)
        {
            case "console":
                metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 30_000);
                break;
            case "otlp":
                metrics.AddOtlpExporter(o => o.Endpoint = settings.OtlpEndpoint ?? o.Endpoint);
                break;
        }
    }
}
