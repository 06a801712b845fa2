using System.Globalization;
using CityCard.Cluster.Telemetry;
using CityCard.Contracts;
using CityCard.Gateway.Access;

namespace CityCard.Gateway;

/// <summary>How a gateway reaches the cluster: the silos' gateways on this machine, or the membership table.</summary>
public enum GatewayClustering
{
    Localhost,
    AdoNet,
}

/// <summary>
/// A gateway's settings, read once at start; a missing or wrong one stops it with a message naming the setting.
/// Gateway settings live under "Gateway", cluster ones under "Cluster" (Orleans binds its own "Orleans" section).
/// </summary>
public sealed record GatewaySettings(
    City City,
    IReadOnlyList<ApiKey> Keys,
    GatewayClustering Clustering,
    IReadOnlyList<int> SiloGatewayPorts,
    string ClusterId,
    string ServiceId,
    string? MembershipConnectionString,
    int MaxParallelCharges,
    TimeSpan ResponseTimeout,
    TelemetrySettings Telemetry,
    GatewayLimits Limits,
    Uri? PublicUrl)
{
    /// <summary>
    /// UNSAFE, kept only while terminals move to keys of their own: whether the configured city-wide keys of the
    /// terminal role still work (<c>Gateway:AllowCityTerminalKeys</c>, true unless set). Such a key charges any card as
    /// any terminal and merchant of its city; a registered terminal's own key acts only as that terminal. When false,
    /// the configured terminal keys are left out of the key ring (401 InvalidApiKey). docs/decisions/0091.
    /// </summary>
    public bool AllowCityTerminalKeys { get; init; } = true;

    /// <summary>The configured keys the gateway accepts: without the city-wide terminal keys unless they are allowed.</summary>
    public IEnumerable<ApiKey> AcceptedKeys => AllowCityTerminalKeys ? Keys : Keys.Where(k => k.Role != Role.Terminal);

    public static GatewaySettings From(IConfiguration configuration)
    {
        var cityText = configuration["Gateway:City"];
        if (!Cities.TryParse(cityText, out var city))
        {
            throw new InvalidOperationException($"Gateway:City is '{cityText}'; it must be one of {string.Join(", ", Cities.All)}.");
        }

        var keys = configuration.GetSection("Gateway:Keys").GetChildren().Select(ReadKey).ToList();
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("No API keys: set Gateway:Keys:0:Id, :City, :Role and :Secret (or :SecretSha256), e.g. as Gateway__Keys__0__Id.");
        }

        var clusteringText = configuration["Cluster:Membership"] ?? nameof(GatewayClustering.Localhost);
        if (!Enum.TryParse<GatewayClustering>(clusteringText, ignoreCase: true, out var clustering))
        {
            throw new InvalidOperationException($"Cluster:Membership is '{clusteringText}'; it must be Localhost or AdoNet.");
        }

        var membership = configuration.GetConnectionString("CityCard");
        if (clustering == GatewayClustering.AdoNet && string.IsNullOrWhiteSpace(membership))
        {
            throw new InvalidOperationException("Cluster:Membership is AdoNet, which reads the silos from PostgreSQL: set ConnectionStrings:CityCard.");
        }

        var parallel = configuration.GetValue("Gateway:MaxParallelCharges", 16);
        if (parallel is < 1 or > 256)
        {
            throw new InvalidOperationException($"Gateway:MaxParallelCharges is {parallel}; it must be 1 to 256.");
        }

        // How long a grain call may take before the gateway answers 503: a silo that died mid-call is not waited for
        // (Orleans' default is 30 s). Orleans looks for expired calls once a second, so 3 s answers within 4. The few
        // calls that legitimately take longer carry their own [ResponseTimeout] (docs/decisions/0072).
        var timeout = configuration.GetValue("Cluster:ResponseTimeout", TimeSpan.FromSeconds(3));
        if (timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"Cluster:ResponseTimeout is {timeout}; it must be 1 second to 5 minutes.");
        }

        return new GatewaySettings(
            city,
            keys,
            clustering,
            ParsePorts(configuration["Cluster:GatewayPort"] ?? "30000"),
            configuration["Cluster:ClusterId"] ?? "citycard",
            configuration["Cluster:ServiceId"] ?? "citycard",
            membership,
            parallel,
            timeout,
            TelemetrySettings.From(configuration),
            GatewayLimits.From(configuration),
            ReadPublicUrl(configuration))
        {
            AllowCityTerminalKeys = configuration.GetValue("Gateway:AllowCityTerminalKeys", true),
        };
    }

    /// <summary>The gateway's address as its callers reach it, for the OpenAPI document's servers (never the Host header).</summary>
    private static Uri? ReadPublicUrl(IConfiguration configuration)
    {
        var text = configuration["Gateway:PublicUrl"];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && string.IsNullOrEmpty(url.Query)
            ? url
            : throw new InvalidOperationException($"Gateway:PublicUrl is '{text}'; it must be an absolute http or https URL without a query.");
    }

    private static ApiKey ReadKey(IConfigurationSection section)
    {
        var where = $"Gateway:Keys:{section.Key}";
        var id = section["Id"];
        if (!ApiKey.IsValidId(id))
        {
            throw new InvalidOperationException($"{where}:Id is missing or not 1 to {ApiKey.MaxIdLength} letters, digits, '-' or '_'.");
        }

        if (!Roles.TryParse(section["Role"], out var role))
        {
            throw new InvalidOperationException($"{where}:Role (key '{id}') must be one of {string.Join(", ", Roles.All.Select(r => r.Name()))}.");
        }

        return new ApiKey(id!, ReadCity(section, where, id!, role), role, SecretHash(section, where, id!));
    }

    /// <summary>A city's key names its city; the region's keys (clearing) name none, so they cannot pass for a city's.</summary>
    private static City? ReadCity(IConfigurationSection section, string where, string id, Role role)
    {
        var text = section["City"];
        if (role.IsRegional())
        {
            return string.IsNullOrEmpty(text)
                ? null
                : throw new InvalidOperationException($"{where}:City (key '{id}'): a {role.Name()} key belongs to the region and works at every gateway; give it no City.");
        }

        return Cities.TryParse(text, out var city)
            ? city
            : throw new InvalidOperationException($"{where}:City (key '{id}') must be one of {string.Join(", ", Cities.All)}.");
    }

    private static byte[] SecretHash(IConfigurationSection section, string where, string id)
    {
        var secret = section["Secret"];
        var hash = section["SecretSha256"];
        if (string.IsNullOrEmpty(secret) == string.IsNullOrEmpty(hash))
        {
            throw new InvalidOperationException($"{where} (key '{id}') needs exactly one of Secret and SecretSha256.");
        }

        if (!string.IsNullOrEmpty(secret))
        {
            return ApiKey.IsValidSecret(secret)
                ? ApiKey.Hash(secret)
                : throw new InvalidOperationException($"{where}:Secret (key '{id}') must be {ApiKey.MinSecretLength} to {ApiKey.MaxSecretLength} printable characters without spaces.");
        }

        try
        {
            var bytes = Convert.FromHexString(hash!);
            return bytes.Length == 32 ? bytes : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{where}:SecretSha256 (key '{id}') must be 64 hexadecimal digits.");
        }
    }

    private static List<int> ParsePorts(string text)
    {
        var ports = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"Cluster:GatewayPort is '{text}'; it must be a port or a comma-separated list of ports.");
            }

            ports.Add(port);
        }

        return ports.Count > 0 ? ports : throw new InvalidOperationException("Cluster:GatewayPort names no port.");
    }
}
