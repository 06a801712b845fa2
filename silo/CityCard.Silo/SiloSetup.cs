using System.Net;
using CityCard.Cluster.Telemetry;
using CityCard.Cluster.Tls;
using CityCard.Grains;
using CityCard.Grains.Boundary;
using CityCard.Grains.Clearing;
using CityCard.Grains.Disputes;
using CityCard.Grains.Reconciliation;
using CityCard.Grains.Policies;
using CityCard.Grains.Telemetry;
using CityCard.Silo.ClearingView;
using CityCard.Silo.Health;
using CityCard.Silo.Operators;
using CityCard.Silo.OrleansTables;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization.Serializers;

namespace CityCard.Silo;

public static class SiloSetup
{
    /// <summary>
    /// The fare policies (loaded and validated first: a broken file throws <see cref="PolicyLoadException"/> naming
    /// every problem, before anything starts), Orleans, the grains' services (Marten with the schema applied at start),
    /// the clearing house (configuration section Clearing, woken with the silo), the boundary every exception crosses on
    /// its way to a client, telemetry, and the operator pages (the dashboard and the clearing view) behind the keys.
    /// </summary>
    public static void AddCityCardSilo(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var policies = PolicyDirectory.Locate(settings.PoliciesDirectory);
        builder.Services.AddSingleton(PolicyDirectory.Load(policies));
        builder.Services.AddSingleton(PolicyDirectory.Read(policies));
        builder.Services.AddCityCardGrains(settings.PostgresConnectionString);
        builder.Services.Configure<DisputeOptions>(builder.Configuration.GetSection(DisputeOptions.Section));
        builder.Services.Configure<ClearingOptions>(builder.Configuration.GetSection(ClearingOptions.Section));
        builder.Services.AddCityCardClearing();
        builder.Services.Configure<ReconciliationOptions>(builder.Configuration.GetSection(ReconciliationOptions.Section));
        builder.Services.AddSingleton<ClearingViewQuery>();
        OperatorAuthentication.Register(builder.Services, settings.Operators);

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

            // A dead silo is suspected after ProbeTimeout and declared dead after a few missed probes (Orleans' default
            // probe is 5 s): its grains come back elsewhere sooner. Clients bound their own wait (the gateways: Cluster:ResponseTimeout, 3 s).
            silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = settings.ProbeTimeout);

            // What leaves a grain for a client must be something the client can decode (docs/decisions/0072).
            silo.AddIncomingGrainCallFilter<BoundaryFilter>();
            silo.Services.AddSingleton<IGeneralizedCodec, BoundaryExceptionCodec>();

            silo.AddStartupTask(ClearingStartup.WakeAsync);
            silo.AddActivityPropagation();

            // The live log stream shows every log line of the silo to whoever has the page open: off unless asked for.
            silo.AddDashboard(o => o.HideTrace = !settings.DashboardLiveLog);
        });

        builder.AddCityCardTelemetry(
            "citycard-silo",
            settings.Telemetry,
            [CardTelemetry.SourceName, ClearingTelemetry.SourceName],
            [CardTelemetry.MeterName, ClearingTelemetry.MeterName, IntegrityTelemetry.MeterName]);
    }

    public static void MapCityCardEndpoints(this WebApplication app, SiloSettings settings)
    {
        app.UseCityCardMetrics(settings.Telemetry);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSiloHealth();

        // Operator pages: an operations or clearing key (header, or a session from the login form), or loopback when
        // the silo knows no keys. The dashboard has no authentication of its own.
        app.MapOperatorLogin();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(OperatorAuthentication.Policy);
        app.MapClearingView();
    }
}
