using System.Net;
using CityCard.Cluster.Tls;

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
    string TelemetryExporter,
    Uri? OtlpEndpoint,
    bool DashboardAllowRemote,
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

        var exporter = (configuration["Telemetry:Exporter"] ?? "none").Trim().ToLowerInvariant();
        if (exporter is not ("none" or "console" or "otlp"))
        {
            throw new InvalidOperationException($"Telemetry:Exporter is '{exporter}'; it must be none, console or otlp.");
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

        var otlp = configuration["Telemetry:OtlpEndpoint"];
        return new SiloSettings(
            postgres,
            mode,
            configuration["Cluster:ClusterId"] ?? "citycard",
            configuration["Cluster:ServiceId"] ?? "citycard",
            address,
            configuration.GetValue("Cluster:SiloPort", 11111),
            configuration.GetValue("Cluster:GatewayPort", 30000),
            exporter,
            string.IsNullOrWhiteSpace(otlp) ? null : new Uri(otlp),
            configuration.GetValue("Dashboard:AllowRemote", false),
            configuration["Policies:Directory"],
            ClusterTlsSettings.From(configuration));
    }
}
