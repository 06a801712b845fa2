using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CityCard.Cluster.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint, <c>/metrics</c>, and who may read it: with <see cref="TelemetrySettings.MetricsPort"/>
/// set, whoever reaches that port (the network policy lets only Prometheus in) and nobody on the API port; without
/// it, loopback callers only. No key: Prometheus scrapes without one, and the figures name no card (docs/decisions/0071).
/// Anyone else gets what an unknown path gets.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void UseCityCardMetrics(this IApplicationBuilder app, TelemetrySettings settings) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == Path && MayScrape(http.Connection, settings));

    public static bool MayScrape(ConnectionInfo connection, TelemetrySettings settings) =>
        settings.MetricsPort is { } port
            ? connection.LocalPort == port
            : connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
}
