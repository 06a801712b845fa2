using System.Diagnostics.Metrics;
using CityCard.Contracts;

namespace CityCard.Grains.Telemetry;

/// <summary>
/// The hash-chain checks: streams verified and streams found broken, by the issuing city. A broken stream means a
/// card's recorded history no longer matches its chain (tampering, or a bug that rewrote an event): alert on any.
/// </summary>
public sealed class IntegrityTelemetry
{
    public const string MeterName = "CityCard.Integrity";

    private readonly Counter<long> verified;
    private readonly Counter<long> broken;

    public IntegrityTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        verified = meter.CreateCounter<long>("citycard.integrity.streams_verified", "{stream}", "Card streams verified against their hash chains.");
        broken = meter.CreateCounter<long>("citycard.integrity.broken_streams", "{stream}", "Card streams whose events no longer match their hash chain.");
    }

    public void RecordVerification(City issuer, int streamsChecked, int streamsBroken)
    {
        var city = new KeyValuePair<string, object?>("city", issuer.ToString());
        verified.Add(streamsChecked, city);
        if (streamsBroken > 0)
        {
            broken.Add(streamsBroken, city);
        }
    }
}
