using System.Text.Json;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>One city's entry in endpoints.json: its gateway's base URL and an API key per role.</summary>
public sealed record CityEndpoint(string BaseUrl, IReadOnlyDictionary<string, string> Keys);

/// <summary>
/// Where the four gateways are and which keys to use: <c>artifacts/endpoints.json</c>, written by run.sh, shaped
/// <c>{"ZG": {"baseUrl": "...", "keys": {"terminal": "...", "service-desk": "...", "operations": "...", "clearing": "..."}}, ...}</c>.
/// </summary>
public sealed class GatewayDirectory : IDisposable
{
    public const string Terminal = "terminal";
    public const string ServiceDesk = "service-desk";
    public const string Operations = "operations";

    /// <summary>The region's clearing key: the same key under every city, since it works at every gateway.</summary>
    public const string Clearing = "clearing";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<City, CityEndpoint> cities;
    // Callers ask for clients from many tasks at once (the load simulation): one HttpClient per city, made once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<City, HttpClient> clients = new();

    public GatewayDirectory(IReadOnlyDictionary<City, CityEndpoint> cities)
    {
        this.cities = new Dictionary<City, CityEndpoint>(cities);
    }

    public IReadOnlyCollection<City> Cities => cities.Keys;

    public static GatewayDirectory Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No gateway directory at {path}: start the gateways with ./run.sh, or pass --endpoints.", path);
        }

        var raw = JsonSerializer.Deserialize<Dictionary<string, CityEndpoint>>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        var cities = new Dictionary<City, CityEndpoint>();
        foreach (var (code, endpoint) in raw)
        {
            cities[CityCard.Contracts.Cities.TryParse(code, out var city) ? city : throw new InvalidDataException($"{path}: '{code}' is not a city.")] = endpoint;
        }

        return new GatewayDirectory(cities);
    }

    /// <summary>A client for <paramref name="city"/>'s gateway with its key for <paramref name="role"/>.</summary>
    public GatewayClient For(City city, string role)
    {
        if (!cities.TryGetValue(city, out var endpoint))
        {
            throw new InvalidOperationException($"The gateway directory has no {city}.");
        }

        if (!endpoint.Keys.TryGetValue(role, out var key))
        {
            throw new InvalidOperationException($"The gateway directory has no {role} key for {city}.");
        }

        var http = clients.GetOrAdd(city, _ => new HttpClient { BaseAddress = new Uri(endpoint.BaseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) });
        return new GatewayClient(http, key);
    }

    public void Dispose()
    {
        foreach (var http in clients.Values)
        {
            http.Dispose();
        }
    }
}
