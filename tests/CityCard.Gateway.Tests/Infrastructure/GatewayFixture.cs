using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway;
using CityCard.Gateway.Access;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// The real thing, in one process: the silo host as Program wires it (over its own PostgreSQL database) and the four
/// city gateways, on free ports, each knowing the whole region's keys. Tests talk to the gateways
/// over real HTTP only.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public static readonly City[] GatewayCities = [City.ZG, City.LZ, City.NJ, City.YB];

    /// <summary>How long the test gateways wait for a request's headers.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<City, (WebApplication App, Uri Url, HttpClient Http)> gateways = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>> cardsForRefusals = new(StringComparer.Ordinal);
    private WebApplication silo = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The silo's Orleans gateway port, for a test that starts a gateway of its own beside the four.</summary>
    public int SiloGatewayPort { get; private set; }

    /// <summary>
    /// Limits far above what the suite sends, so tests that share the gateways never meet each other's rate or daily
    /// top-up ceiling; the limits themselves are tested on gateways of their own (The_gateway_limits_its_callers).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> GenerousLimits { get; } = new Dictionary<string, string?>
    {
        ["Gateway:Limits:PermitsPerSecond"] = "100000",
        ["Gateway:Limits:Burst"] = "1000000",
        ["Gateway:Limits:MaxConcurrentBatches"] = "64",
        ["Gateway:Limits:BatchQueue"] = "64",
        ["Gateway:Limits:DailyTopUpCeiling:terminal"] = "1000000000000",
        ["Gateway:Limits:DailyTopUpCeiling:service-desk"] = "1000000000000",
    };

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("gateway");
        var gatewayPort = 0;
        silo = await LocalPorts.StartWithRetryAsync(() => StartSiloAsync(gatewayPort = LocalPorts.Free()));
        SiloGatewayPort = gatewayPort;
        foreach (var city in GatewayCities)
        {
            var url = new Uri("http://127.0.0.1/");
            var app = await LocalPorts.StartWithRetryAsync(() => StartGatewayAsync(city, url = new Uri($"http://127.0.0.1:{LocalPorts.Free()}/"), gatewayPort));
            gateways[city] = (app, url, new HttpClient { BaseAddress = url });
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (app, _, http) in gateways.Values)
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    /// <summary>A raw HttpClient on a gateway, for requests no well-behaved client would send.</summary>
    public HttpClient Http(City gateway) => gateways[gateway].Http;

    /// <summary>
    /// Every key the gateways know: each city's terminal, service-desk and operations keys, and the region's clearing
    /// key (no city).
    /// </summary>
    public static IReadOnlyList<(City? City, Role Role)> AllKeys { get; } =
        [.. Cities.All.SelectMany(c => Roles.OfCities.Select(r => ((City?)c, r))), (null, Role.Clearing)];

    /// <summary>
    /// A typed client at <paramref name="gateway"/> with the key of <paramref name="keyCity"/> (default: the gateway's
    /// own city); a regional role's client has the region's key.
    /// </summary>
    public GatewayClient Client(City gateway, Role role, City? keyCity = null) =>
        new(Http(gateway), KeyOf(role.IsRegional() ? null : keyCity ?? gateway, role));

    public static string KeyIdOf(City? city, Role role) => $"{city?.ToString().ToLowerInvariant() ?? "region"}-{role.Name()}";

    public static string KeyOf(City? city, Role role) => $"{KeyIdOf(city, role)}.{SecretOf(city, role)}";

    /// <summary>The region's clearing key, valid at every gateway.</summary>
    public static string ClearingKey => KeyOf(null, Role.Clearing);

    public static string NewCard(City city) => CardNumber.Create(city, Random.Shared.NextInt64(1, 999_999_999)).Value;

    public static string NewKey(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>An issued card of <paramref name="issuer"/> with <paramref name="balance"/> fen on it.</summary>
    public async Task<string> NewActiveCardAsync(City issuer, long balance = 10_000)
    {
        var card = NewCard(issuer);
        var desk = Client(issuer, Role.ServiceDesk);
        var issueKey = NewKey("issue");
        await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, issueKey));
        if (balance > 0)
        {
            var topupKey = NewKey("topup");
            await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.TopUpAsync(card, new TopUpBody { Amount = balance, Channel = TopUpChannel.ServiceDesk }, topupKey));
        }

        return card;
    }

    /// <summary>
    /// An issued card of Zigong with 10,000 fen, made once per <paramref name="owner"/> (a test class) and then only
    /// sent requests that must be refused: many cases can assert "nothing changed" on it without each waiting for a
    /// new card of its own to be posted by the clearing house. A case that did change it would show in its own
    /// before-and-after.
    /// </summary>
    public Task<string> CardForRefusalsAsync(string owner) =>
        cardsForRefusals.GetOrAdd(owner, _ => NewActiveCardAsync(City.ZG, 10_000));

    /// <summary>The card's stream version as PostgreSQL has it (0 when there is no stream): the proof that nothing changed.</summary>
    public async Task<long> StreamVersionAsync(string card)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version from citycard.mt_streams where id = $1", connection) { Parameters = { new() { Value = card } } };
        return await command.ExecuteScalarAsync() is long version ? version : 0;
    }

    /// <summary>Registrations a fixture adds to the silo after its own (a clock of the test's, say).</summary>
    protected virtual void ConfigureSilo(IServiceCollection services)
    {
    }

    private Task<WebApplication> StartSiloAsync(int gatewayPort) =>
        TestSiloHost.StartAsync(
            LocalPorts.Free(),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:CityCard"] = ConnectionString,
                ["Cluster:SiloPort"] = Port(LocalPorts.Free()),
                ["Cluster:GatewayPort"] = Port(gatewayPort),
            },
            builder => ConfigureSilo(builder.Services));

    private static async Task<WebApplication> StartGatewayAsync(City city, Uri url, int gatewayPort)
    {
        var config = new Dictionary<string, string?>
        {
            ["Gateway:City"] = city.ToString(),
            ["Cluster:GatewayPort"] = Port(gatewayPort),
        };
        foreach (var (name, value) in GenerousLimits)
        {
            config[name] = value;
        }

        var i = 0;
        foreach (var (keyCity, role) in AllKeys)
        {
            config[$"Gateway:Keys:{i}:Id"] = KeyIdOf(keyCity, role);
            config[$"Gateway:Keys:{i}:City"] = keyCity?.ToString();
            config[$"Gateway:Keys:{i}:Role"] = role.Name();
            config[$"Gateway:Keys:{i}:Secret"] = SecretOf(keyCity, role);
            i++;
        }

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(config);
        builder.WebHost.UseUrls(url.ToString().TrimEnd('/'));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCityCardGateway(GatewaySettings.From(builder.Configuration));

        // Shorter than Kestrel's 30 s, so a test can see a request whose headers never finish answered in time.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.RequestHeadersTimeout = RequestHeadersTimeout);
        var app = builder.Build();
        app.MapCityCardGateway();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private static string SecretOf(City? city, Role role) => $"test-secret-{city?.ToString() ?? "RG"}-{role.Name()}-0123456789";

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateways";
}
