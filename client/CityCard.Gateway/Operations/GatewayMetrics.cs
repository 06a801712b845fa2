using System.Diagnostics.Metrics;
using CityCard.Gateway.Cluster;

namespace CityCard.Gateway.Operations;

/// <summary>
/// The gateway's own signals, beside ASP.NET Core's HTTP metrics: every problem answered, by its named code (so a
/// dashboard shows refusals a silo never sees: keys, bad input, and the 503s of an outage), and the silo gateways this
/// gateway is connected to (0: it cannot pass anything on).
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "CityCard.Gateway";

    private readonly Counter<long> problems;
    private readonly KeyValuePair<string, object?> city;

    public GatewayMetrics(IMeterFactory meterFactory, GatewaySettings settings, ClusterConnection cluster)
    {
        city = new KeyValuePair<string, object?>("city", settings.City.ToString());
        var meter = meterFactory.Create(MeterName);
        problems = meter.CreateCounter<long>("citycard.gateway.problems", "{answer}", "Problem answers (4xx and 5xx) by status and named code.");
        meter.CreateObservableGauge("citycard.gateway.connected_silos", () => new Measurement<int>(cluster.ConnectedGateways, city), "{silo}", "Silo gateways this gateway's cluster client is connected to.");
    }

    public void RecordProblem(int status, string code) =>
        problems.Add(1, city, new("status", status), new("code", code));
}
