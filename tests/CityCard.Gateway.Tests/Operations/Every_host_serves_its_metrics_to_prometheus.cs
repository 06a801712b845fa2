using System.Net;
using System.Text.RegularExpressions;
using CityCard.Cluster.Telemetry;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Integration.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Operations;

/// <summary>
/// /metrics on the silo and on a gateway, each in its own process, scraped as Prometheus does after some taps: HTTP
/// server metrics tagged with the route, status and city, runtime metrics, Npgsql metrics and the project's own; every
/// project metric is listed in docs/operations/metrics.md, and every metric an alert rule names is one of them.
/// </summary>
public sealed partial class Every_host_serves_its_metrics_to_prometheus(RegionProcesses region) : IClassFixture<RegionProcesses>
{
    [Fact]
    public async Task The_gateway_serves_http_runtime_and_its_own_metrics_by_city()
    {
        await TapAsync();

        var metrics = await ScrapeAsync(region.Gateway.Url);

        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*city="ZG"[^}]*http_response_status_code="200"[^}]*http_route="/v1/cards/\{card\}/charges""", metrics);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*city="ZG"[^}]*http_response_status_code="401""", metrics);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.Matches("""citycard_gateway_problems_total\{[^}]*city="ZG"[^}]*code="MissingApiKey"[^}]*status="401""", metrics);
        Assert.Matches("""citycard_gateway_connected_silos\{[^}]*city="ZG"[^}]*\} 1""", metrics);
    }

    [Fact]
    public async Task The_silo_serves_http_runtime_npgsql_orleans_card_and_clearing_metrics()
    {
        await TapAsync();

        var metrics = await ScrapeAsync(region.Silo.Url);

        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
        Assert.Matches("db_client_[a-z_]+", metrics);
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.Matches("""citycard_card_operations_total\{[^}]*category="Bus"[^}]*city="ZG"[^}]*operation="charge""", metrics);
        Assert.Contains("citycard_projection_lag", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_project_metric_is_documented_and_every_alert_names_a_documented_metric()
    {
        await TapAsync();
        var documented = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "operations", "metrics.md"));
        var served = CityCardMetric().Matches(await ScrapeAsync(region.Silo.Url) + await ScrapeAsync(region.Gateway.Url))
            .Select(m => BaseName(m.Value))
            .ToHashSet();

        Assert.NotEmpty(served);
        Assert.All(served, name => Assert.Contains($"`{name}`", documented, StringComparison.Ordinal));

        var alerts = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "k8s", "alerts.yaml"));
        var named = AlertMetric().Matches(alerts).Select(m => m.Value).ToHashSet();
        Assert.Contains("http_server_request_duration_seconds_count", named);
        Assert.All(named.Where(n => n.StartsWith("citycard_", StringComparison.Ordinal)), name => Assert.Contains($"`{name}`", documented, StringComparison.Ordinal));
    }

    [Fact]
    public void Metrics_go_to_loopback_callers_or_to_whoever_reaches_the_metrics_port()
    {
        var loopbackOnly = new TelemetrySettings("none", null, 1, MetricsPort: null);
        Assert.True(MetricsEndpoint.MayScrape(Connection(IPAddress.Loopback, 8080), loopbackOnly));
        Assert.True(MetricsEndpoint.MayScrape(Connection(IPAddress.IPv6Loopback, 8080), loopbackOnly));
        Assert.False(MetricsEndpoint.MayScrape(Connection(IPAddress.Parse("10.1.2.3"), 8080), loopbackOnly));

        var ownPort = loopbackOnly with { MetricsPort = 9464 };
        Assert.True(MetricsEndpoint.MayScrape(Connection(IPAddress.Parse("10.1.2.3"), 9464), ownPort));
        Assert.False(MetricsEndpoint.MayScrape(Connection(IPAddress.Parse("10.1.2.3"), 8080), ownPort));
        Assert.False(MetricsEndpoint.MayScrape(Connection(IPAddress.Loopback, 8080), ownPort));
    }

    private static Microsoft.AspNetCore.Http.ConnectionInfo Connection(IPAddress remote, int localPort)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote;
        http.Connection.LocalPort = localPort;
        return http.Connection;
    }

    private async Task TapAsync()
    {
        var card = await region.NewCardAsync(balance: 5_000);
        using var tap = await region.Http.SendAsync(Requests.Json(HttpMethod.Post, $"/v1/cards/{card}/charges", GatewayFixture.KeyOf(CityCard.Contracts.City.ZG, Role.Terminal), GatewayFixture.NewKey("tap"), Requests.RideJson()));
        Assert.Equal(HttpStatusCode.OK, tap.StatusCode);
        using var anonymous = await region.Http.SendAsync(Requests.Json(HttpMethod.Post, $"/v1/cards/{card}/charges", null, GatewayFixture.NewKey("tap"), Requests.RideJson()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<string> ScrapeAsync(Uri host)
    {
        using var http = new HttpClient { BaseAddress = host };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A histogram's series (_bucket, _count, _sum) are one metric.</summary>
    private static string BaseName(string series) => HistogramSuffix().Replace(series, string.Empty);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No CityCard.sln above the test binaries.");
    }

    [GeneratedRegex("^citycard_[a-z_]+", RegexOptions.Multiline)]
    private static partial Regex CityCardMetric();

    [GeneratedRegex("(citycard|http_server)_[a-z_]+")]
    private static partial Regex AlertMetric();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex HistogramSuffix();
}
