namespace CityCard.Silo;

/// <summary>The silo's settings, read once at start; a missing one stops the silo with a message naming it.</summary>
public sealed record SiloSettings(
    string PostgresConnectionString,
    int SiloPort,
    int GatewayPort,
    string TelemetryExporter,
    Uri? OtlpEndpoint,
    bool DashboardAllowRemote,
    string? PoliciesDirectory = null)
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

        var otlp = configuration["Telemetry:OtlpEndpoint"];
        return new SiloSettings(
            postgres,
            configuration.GetValue("Orleans:SiloPort", 11111),
            configuration.GetValue("Orleans:GatewayPort", 30000),
            exporter,
            string.IsNullOrWhiteSpace(otlp) ? null : new Uri(otlp),
            configuration.GetValue("Dashboard:AllowRemote", false),
            configuration["Policies:Directory"]);
    }
}
