using System.Text.Json;

namespace CityCard.Grains.Clearing;

/// <summary>How the clearing house writes JSON into its tables: web defaults; money as fen, enums by name (their own converters).</summary>
public static class ClearingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
