using CityCard.Contracts;
using CityCard.Domain.Registry;
using CityCard.Grains.Storage;
using Marten;

namespace CityCard.Grains.Registry;

/// <summary>
/// A city's registry of operators and terminals as one Marten event stream (key <see cref="StreamKey"/>), its events
/// under the pinned names of <see cref="RegistryEventTypes"/>, appended with the expected version like a dispute
/// case's. The clearing feed selects card events by type, so registry events in <c>mt_events</c> are never read as
/// card events. docs/decisions/0090.
/// </summary>
public sealed class MartenRegistryStore(IDocumentStore store) : IRegistryStore
{
    /// <summary>What a registry's stream key starts with: never a card number, whose first two characters are a city's code.</summary>
    public const string StreamPrefix = "registry:";

    public static string StreamKey(City city) => StreamPrefix + city;

    public async Task<IReadOnlyList<RegistryEvent>> LoadAsync(City city, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamKey(city), token: cancellationToken);
        return [.. events.Select(e => e.Data as RegistryEvent ?? throw new InvalidOperationException($"Stream {StreamKey(city)} holds '{e.EventTypeName}', which is not a registry event."))];
    }

    public async Task<bool> AppendAsync(City city, long expectedVersion, IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken = default)
    {
        await using var session = store.LightweightSession();
        var key = StreamKey(city);
        _ = expectedVersion == 0
            ? session.Events.StartStream(key, events)
            : session.Events.Append(key, expectedVersion + events.Count, events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (CardAppendWriter.Classify(ex) == AppendResult.VersionConflict)
        {
            return false;
        }
    }
}
