using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CityCard.Cluster.Telemetry;

/// <summary>
/// How a host is observed (section <c>Telemetry</c>), the same for the silo and the gateways: where traces and metrics
/// go besides the Prometheus scrape endpoint, how many traces are kept, and the port /metrics is served on. Read once
/// at start; a wrong value stops the host with a message naming the setting.
/// </summary>
/// <param name="Exporter"><c>none</c>, <c>console</c> (spans and metrics written to the log) or <c>otlp</c>.</param>
/// <param name="OtlpEndpoint">Where <c>otlp</c> sends; null: the OTLP default.</param>
/// <param name="SampleRatio">The share of traces started here that are recorded (a trace started upstream keeps its caller's decision).</param>
/// <param name="MetricsPort">
/// The port /metrics is answered on, to anyone who reaches it (Kubernetes: a port only Prometheus may reach); null:
/// /metrics is answered on the HTTP port to loopback callers only (./run.sh). See docs/decisions/0071.
/// </param>
public sealed record TelemetrySettings(string Exporter, Uri? OtlpEndpoint, double SampleRatio, int? MetricsPort)
{
    public const string Section = "Telemetry";

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var exporter = (configuration[$"{Section}:Exporter"] ?? "none").Trim().ToLowerInvariant();
        if (exporter is not ("none" or "console" or "otlp"))
        {
            throw new InvalidOperationException($"{Section}:Exporter is '{exporter}'; it must be none, console or otlp.");
        }

        var otlp = configuration[$"{Section}:OtlpEndpoint"];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(otlp) && !Uri.TryCreate(otlp, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{Section}:OtlpEndpoint is '{otlp}', which is not an absolute URL.");
        }

        var ratioText = configuration[$"{Section}:SampleRatio"];
        var ratio = 1.0;
        if (!string.IsNullOrWhiteSpace(ratioText)
            && (!double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1))
        {
            throw new InvalidOperationException($"{Section}:SampleRatio is '{ratioText}'; it must be a number from 0 to 1.");
        }

        var portText = configuration[$"{Section}:MetricsPort"];
        int? port = null;
        if (!string.IsNullOrWhiteSpace(portText))
        {
            port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535
                ? p
                : throw new InvalidOperationException($"{Section}:MetricsPort is '{portText}'; it must be a port (1 to 65535), or empty for loopback only.");
        }

        return new TelemetrySettings(exporter, endpoint, ratio, port);
    }
}
