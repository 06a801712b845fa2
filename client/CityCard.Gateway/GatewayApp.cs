using CityCard.Gateway.Cluster;
using CityCard.Cluster.Tls;
using CityCard.Gateway.Access;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Clearing;
using CityCard.Gateway.Disputes;
using CityCard.Gateway.Hotlist;
using CityCard.Gateway.Passes;
using CityCard.Gateway.Policies;
using CityCard.Gateway.Http;
using CityCard.Gateway.Integrity;
using CityCard.Gateway.Issuance;
using CityCard.Gateway.Operations;
using CityCard.Gateway.Reconciliation;
using CityCard.Gateway.Reference;
using CityCard.Gateway.Registry;
using CityCard.Gateway.Terminals;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CityCard.Gateway;

/// <summary>How a gateway is put together; Program and the tests both build it through here.</summary>
public static class GatewayApp
{
    /// <summary>Kestrel's ceiling on any body; each endpoint sets its own, lower, limit.</summary>
    public const long MaxRequestBodyBytes = 2 * 1024 * 1024;

    public static void AddCityCardGateway(this WebApplicationBuilder builder, GatewaySettings settings)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = ServerLimits.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = ServerLimits.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = ServerLimits.MaxRequestHeaderCount;

            // Set on purpose, from Gateway:Limits (docs/operations/security.md): a bound on connections, and slow
            // senders (headers or body) cut off rather than holding a connection for ever.
            kestrel.Limits.MaxConcurrentConnections = settings.Limits.MaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.RequestHeadersTimeout = settings.Limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = settings.Limits.KeepAliveTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(settings.Limits.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                // HTTP/1.1 only: what every client of ours speaks, and where Kestrel's own answers are responses the
                // connection middleware can give a problem body (over cleartext HTTP/2 they would be stream resets).
                // An HTTP/2 client is told HTTP_1_1_REQUIRED (docs/decisions/0026).
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(ServerAnswer.Middleware);
            });
        });

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new ApiKeyRing(settings.AcceptedKeys));
        builder.Services.AddSingleton(sp => new HotlistClient(sp.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton(sp => new SettlementClient(sp.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton(sp => new DisputesClient(sp.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton(sp => new IntegrityClient(sp.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton(sp => new RegistryClient(sp.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton<TerminalKeyVerifier>();
        builder.Services.AddSingleton<TerminalSequences>();
        builder.Services.AddSingleton<TapBatchProcessor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TopUpAllowance>();
        builder.Services.ConfigureHttpJsonOptions(o => GatewayJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddGatewayRateLimits(settings.Limits);

        // AllowedHosts (settings): a wrong Host is Kestrel's bodiless 400, which ServerAnswer makes a problem.
        builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.IncludeFailureMessage = false);
        builder.Services.AddGatewayOpenApi(settings);
        WithoutContentTypeRouting(builder.Services);
        builder.AddGatewayTelemetry(settings);

        var clusterConnection = new ClusterConnection();
        var clusterTls = ClusterTlsSettings.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.AddClusterConnectionStatusObserver(clusterConnection);
            client.AddActivityPropagation();
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);

            // Mutual TLS to the silos when Cluster:Tls is set (Kubernetes); plain TCP on loopback otherwise (./run.sh).
            if (clusterTls is not null)
            {
                client.UseCityCardTls(clusterTls);
            }

            if (settings.Clustering == GatewayClustering.AdoNet)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";

                    // The silos keep Orleans' tables in the schema "orleans" (silo/CityCard.Silo/OrleansTables).
                    o.ConnectionString = new NpgsqlConnectionStringBuilder(settings.MembershipConnectionString) { SearchPath = "orleans", Timezone = "UTC" }.ConnectionString;
                });
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
            }
            else
            {
                // The silo's localhost clustering uses Orleans' development ids ("dev").
                client.UseLocalhostClustering([.. settings.SiloGatewayPorts]);
            }
        });

        // Registered after the cluster client, whose start is the connect (see ClusterConnection).
        builder.Services.AddSingleton(clusterConnection);
        builder.Services.AddHostedService(_ => clusterConnection);
    }

    public static void MapCityCardGateway(this WebApplication app)
    {
        app.UseGatewayTelemetry();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorHandling.HandleExceptionAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(ErrorHandling.HandleStatusCodeAsync);
        app.UseRouting();
        app.UseMiddleware<Authentication>();
        app.UseRateLimiter();

        app.MapGet("/health", (GatewaySettings s) => TypedResults.Ok(new { status = "ok", city = s.City.ToString() })).ExcludeFromDescription().AllowAnonymous();

        // Ready when the cluster client holds a connection to a silo: the readiness probe of deploy/k8s.
        app.MapGet("/health/ready", (GatewaySettings s, ClusterConnection cluster) => cluster.IsConnected
                ? Results.Ok(new { status = "ready", city = s.City.ToString(), siloGateways = cluster.ConnectedGateways })
                : Results.Json(new { status = "not-ready", city = s.City.ToString(), siloGateways = 0 }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .ExcludeFromDescription().AllowAnonymous();
        app.MapCardEndpoints();
        app.MapPassEndpoints();
        app.MapPolicySimulationEndpoints();
        app.MapTapBatchEndpoints();
        app.MapIssueBatchEndpoints();
        app.MapHotlistEndpoints();
        app.MapClearingEndpoints();
        app.MapStreamVerificationEndpoints();
        app.MapDisputeEndpoints();
        app.MapReconciliationEndpoints();
        app.MapReferenceEndpoints();
        app.MapRegistryEndpoints();
    }

    /// <summary>
    /// Routing would answer a body of a type an endpoint does not declare (its <c>Accepts</c>) with 415 before any
    /// filter runs, so a caller without a key, or with a key that may not do this, would learn what the endpoint reads.
    /// The endpoints check the Content-Type themselves when they read the body (<see cref="BodyBytes"/>), after
    /// authentication and authorisation; the declarations stay for the OpenAPI document. Routing's policy is internal,
    /// so it is found by name; the HTTP tests fail if it ever answers first again.
    /// </summary>
    private static void WithoutContentTypeRouting(IServiceCollection services)
    {
        foreach (var policy in services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.Routing.MatcherPolicy) && d.ImplementationType?.Name == "AcceptsMatcherPolicy").ToList())
        {
            services.Remove(policy);
        }
    }
}
