using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Gateway.Http;

/// <summary>
/// The one JSON configuration of the gateway, strict on input: unknown members, duplicate members, numbers in strings,
/// fractions or overflow where fen are expected, enum values given as numbers, and times without an explicit offset
/// are all refused.
/// </summary>
public static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 16;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

        // Ahead of the enums' own [JsonConverter]: exact names only, so (Category)99 cannot be smuggled in.
        options.Converters.Add(new StrictEnumConverter());

        // Every DateTimeOffset (and DateTimeOffset?) of every body through the one reader of times.
        options.Converters.Add(new StrictTimeConverter());
        return options;
    }
}
