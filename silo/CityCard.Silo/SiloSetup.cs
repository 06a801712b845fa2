using System.Net;
using CityCard.Cluster.Tls;
using CityCard.Grains;
using CityCard.Grains.Clearing;
using CityCard.Grains.Disputes;
using CityCard.Grains.Reconciliation;
using CityCard.Grains.Policies;
using CityCard.Grains.Telemetry;
using CityCard.Silo.Health;
using CityCard.Silo.OrleansTables;
using Orleans.Configuration;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityCard.Silo;

public static class SiloSetup
{
    /// <summary>
    /// The fare policies (loaded and validated first: a broken file throws <see cref="PolicyLoadException"/> naming
    /// every problem, before anything starts), Orleans, the grains' services (Marten with the schema applied at start),
    /// the clearing house (configuration section Clearing, woken with the silo), telemetry and the dashboard.
    /// </summary>
    public static void AddCityCardSilo(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.Services.AddSingleton(PolicyDirectory.Load(PolicyDirectory.Locate(settings.PoliciesDirectory)));
        builder.Services.AddCityCardGrains(settings.PostgresConnectionString);
        builder.Services.Configure<DisputeOptions>(builder.Configuration.GetSection(DisputeOptions.Section));
        builder.Services.Configure<ClearingOptions>(builder.Configuration.GetSection(ClearingOptions.Section));
        builder.Services.AddCityCardClearing();
        builder.Services.Configure<ReconciliationOptions>(builder.Configuration.GetSection(ReconciliationOptions.Section));

        // Hosted services start in registration order: the Orleans tables must exist before the silo reads them.
        var orleansTables = OrleansSchema.ConnectionStringFor(settings.PostgresConnectionString);
        builder.Services.AddHostedService(_ => new OrleansSchemaInitializer(settings.PostgresConnectionString));

        builder.UseOrleans(silo =>
        {
            if (settings.Clustering == ClusteringMode.Kubernetes)
            {
                // Silo name, address and cluster identity come from the pod (POD_NAME, POD_IP, ORLEANS_CLUSTER_ID…);
                // membership itself still lives in PostgreSQL.
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = orleansTables;
                });
                silo.UseKubernetesHosting();
            }
            else if (settings.Clustering == ClusteringMode.AdoNet)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = orleansTables;
                });
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                silo.ConfigureEndpoints(settings.AdvertisedAddress ?? IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.AdvertisedAddress is not null);
            }
            else
            {
                // Orleans' localhost defaults (cluster "dev") so that any localhost client finds this silo.
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            }

            // Reminders are durable in PostgreSQL whatever the clustering: a reminder is how a grain is woken later
            // (the clearing house's keep-alive among them).
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = orleansTables;
            });
            // Mutual TLS on the silo and gateway ports when Cluster:Tls is set (Kubernetes); plain TCP on loopback otherwise.
            if (settings.Tls is { } tls)
            {
                silo.UseCityCardTls(tls);
            }

            silo.AddStartupTask(ClearingStartup.WakeAsync);
            silo.AddActivityPropagation();
            silo.AddDashboard();
        });

        AddTelemetry(builder, settings);
    }

    public static void MapCityCardEndpoints(this WebApplication app, SiloSettings settings)
    {
        app.MapSiloHealth();

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
