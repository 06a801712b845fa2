using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Gateway.Http;

/// <summary>
/// The one JSON configuration of the gateway, strict on input: unknown members, duplicate members, numbers in strings,
/// fractions or overflow where fen are expected, and enum values given as numbers are all refused.
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
        return options;
    }
}
