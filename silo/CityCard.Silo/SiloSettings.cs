using System.Net;
using CityCard.Cluster.Telemetry;
using CityCard.Cluster.Tls;
using CityCard.Silo.Operators;

namespace CityCard.Silo;

/// <summary>How silos find each other: on one machine, or through the membership table in PostgreSQL.</summary>
public enum ClusteringMode
{
    Localhost,
    AdoNet,

    /// <summary>Membership in PostgreSQL, with identity and address from the pod (Orleans' Kubernetes hosting).</summary>
    Kubernetes,
}

/// <summary>
/// The silo's settings (cluster settings live under "Cluster", because Orleans binds its own "Orleans" section),
/// read once at start; a missing or wrong one stops the silo with a message naming it.
/// </summary>
public sealed record SiloSettings(
    string PostgresConnectionString,
    ClusteringMode Clustering,
    string ClusterId,
    string ServiceId,
    IPAddress? AdvertisedAddress,
    int SiloPort,
    int GatewayPort,
    TelemetrySettings Telemetry,
    OperatorSettings Operators,
    bool DashboardLiveLog,
    TimeSpan ProbeTimeout,
    string? PoliciesDirectory = null,
    ClusterTlsSettings? Tls = null)
{
    /// <summary>The one setting that points the system at a PostgreSQL: ConnectionStrings:CityCard.</summary>
    public const string ConnectionStringName = "CityCard";

    public static SiloSettings From(IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL configured: set ConnectionStrings:{ConnectionStringName} (environment variable ConnectionStrings__{ConnectionStringName}), " +
                "for example to the string printed by scripts/pg-start.sh.");
        }

        var clustering = configuration["Cluster:Membership"] ?? nameof(ClusteringMode.Localhost);
        if (!Enum.TryParse<ClusteringMode>(clustering, ignoreCase: true, out var mode))
        {
            throw new InvalidOperationException($"Cluster:Membership is '{clustering}'; it must be Localhost, AdoNet or Kubernetes.");
        }

        var advertised = configuration["Cluster:AdvertisedIP"];
        IPAddress? address = null;
        if (!string.IsNullOrWhiteSpace(advertised) && !IPAddress.TryParse(advertised, out address))
        {
            throw new InvalidOperationException($"Cluster:AdvertisedIP is '{advertised}', which is not an IP address.");
        }

        var probe = configuration.GetValue("Cluster:ProbeTimeout", TimeSpan.FromSeconds(3));
        if (probe < TimeSpan.FromSeconds(1) || probe > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"Cluster:ProbeTimeout is {probe}; it must be 1 second to 1 minute.");
        }

        return new SiloSettings(
            postgres,
            mode,
            configuration["Cluster:ClusterId"] ?? "citycard",
            configuration["Cluster:ServiceId"] ?? "citycard",
            address,
            configuration.GetValue("Cluster:SiloPort", 11111),
            configuration.GetValue("Cluster:GatewayPort", 30000),
            TelemetrySettings.From(configuration),
            OperatorSettings.From(configuration),
            configuration.GetValue("Dashboard:LiveLog", false),
            probe,
            configuration["Policies:Directory"],
            ClusterTlsSettings.From(configuration));
    }
}
