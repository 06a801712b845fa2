using CityCard.Contracts;
using CityCard.Domain.Integrity;
using CityCard.Grains.Storage;
using CityCard.Grains.Telemetry;
using Orleans.Concurrency;

namespace CityCard.Grains.Integrity;

/// <summary>Verifies a city's card streams a page at a time with the pure <see cref="StreamVerifier"/>; holds nothing.</summary>
[StatelessWorker]
public sealed class StreamVerifierGrain(StreamChainStore store, IntegrityTelemetry telemetry) : Grain, IStreamVerifierGrain
{
    public const int MaxPageSize = 500;

    public async Task<StreamVerificationPage> VerifyPage(string? after, int limit)
    {
        var city = Cities.TryParse(this.GetPrimaryKeyString(), out var c) ? c : throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a city code.");
        var size = Math.Clamp(limit, 1, MaxPageSize);
        var total = await store.CountAsync(city);
        var streams = await store.ReadAsync(city, after ?? string.Empty, size);
        var verified = streams.Select(s => StreamVerifier.Verify(s.Card, s.Events)).ToList();
        telemetry.RecordVerification(city, verified.Count, verified.Count(v => !v.Verified));
        return new StreamVerificationPage(
            city,
            total,
            streams.Count,
            verified.Sum(v => v.EventsChecked),
            [.. verified.Where(v => !v.Verified)],
            streams.Count < size ? null : streams[^1].Card.Value);
    }
}
