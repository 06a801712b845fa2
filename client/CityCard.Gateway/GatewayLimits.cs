using CityCard.Gateway.Access;

namespace CityCard.Gateway;

/// <summary>
/// The gateway's limits on its callers, read from "Gateway:Limits" (and each key's own "DailyTopUpCeiling"): rate
/// per key, concurrent batch work, each key's daily top-up ceiling, and Kestrel's bounds on connections. Every
/// value is documented in docs/operations/security.md with its default; a wrong one stops the gateway at start.
/// </summary>
public sealed record GatewayLimits(
    int PermitsPerSecond,
    int Burst,
    int MaxConcurrentBatches,
    int BatchQueue,
    IReadOnlyDictionary<Role, long> DailyTopUpCeilings,
    IReadOnlyDictionary<string, long> KeyTopUpCeilings,
    int MaxConcurrentConnections,
    TimeSpan RequestHeadersTimeout,
    TimeSpan KeepAliveTimeout,
    int MinRequestBodyBytesPerSecond)
{
    /// <summary>Default daily ceilings: a city's kiosks share one terminal key until keys are per terminal (issue 12).</summary>
    public static IReadOnlyDictionary<Role, long> DefaultTopUpCeilings { get; } = new Dictionary<Role, long>
    {
        [Role.Terminal] = 10_000_000,
        [Role.ServiceDesk] = 50_000_000,
    };

    /// <summary>The key's own ceiling when it has one, else its role's; 0 for a role that does not top up.</summary>
    public long DailyTopUpCeiling(Caller caller) =>
        KeyTopUpCeilings.TryGetValue(caller.KeyId, out var own) ? own : DailyTopUpCeilings.GetValueOrDefault(caller.Role);

    public static GatewayLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Gateway:Limits");
        var ceilings = new Dictionary<Role, long>();
        foreach (var (role, fallback) in DefaultTopUpCeilings)
        {
            ceilings[role] = Read(section, $"DailyTopUpCeiling:{role.Name()}", fallback, 0, 1_000_000_000_000L);
        }

        var ownCeilings = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in configuration.GetSection("Gateway:Keys").GetChildren())
        {
            if (key["DailyTopUpCeiling"] is not null && key["Id"] is { } id)
            {
                ownCeilings[id] = Read(key, "DailyTopUpCeiling", 0, 0, 1_000_000_000_000L, $"Gateway:Keys:{key.Key}:");
            }
        }

        return new GatewayLimits(
            (int)Read(section, "PermitsPerSecond", 200, 1, 100_000),
            (int)Read(section, "Burst", 400, 1, 1_000_000),
            (int)Read(section, "MaxConcurrentBatches", 2, 1, 64),
            (int)Read(section, "BatchQueue", 2, 0, 64),
            ceilings,
            ownCeilings,
            (int)Read(section, "MaxConcurrentConnections", 1_000, 1, 100_000),
            TimeSpan.FromSeconds(Read(section, "RequestHeadersTimeoutSeconds", 10, 1, 120)),
            TimeSpan.FromSeconds(Read(section, "KeepAliveTimeoutSeconds", 60, 1, 600)),
            (int)Read(section, "MinRequestBodyBytesPerSecond", 240, 1, 1_000_000));
    }

    private static long Read(IConfiguration section, string name, long fallback, long min, long max, string? prefix = null)
    {
        var text = section[name];
        if (text is null)
        {
            return fallback;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{prefix ?? "Gateway:Limits:"}{name} is '{text}'; it must be a whole number from {min} to {max}.");
    }
}
