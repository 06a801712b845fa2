using System.Text.Json;
using CityCard.Domain.Disputes;

namespace CityCard.Grains.Disputes;

/// <summary>How dispute events are written into <c>dispute_events.data</c>: web defaults, by their pinned names.</summary>
public static class DisputeJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, Type> Types = DisputeEventTypes.Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    public static string Write(DisputeEvent e) => JsonSerializer.Serialize(e, e.GetType(), Options);

    public static DisputeEvent Read(string type, string json) =>
        Types.TryGetValue(type, out var clr)
            ? (DisputeEvent)JsonSerializer.Deserialize(json, clr, Options)!
            : throw new InvalidOperationException($"'{type}' is not a dispute event this version knows.");
}
