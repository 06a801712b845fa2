using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>A bus route or coach service (<c>LZ-3</c>) in its city's fare policy, 1 to 32 identifier characters.</summary>
[GenerateSerializer, Immutable, Alias("citycard.route-id")]
[JsonConverter(typeof(IdentifierJsonConverter<RouteId>))]
public readonly record struct RouteId : IIdentifier<RouteId>
{
    public const int MaxLength = 32;

    private RouteId(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default</c>, which no parse produces: a missing id.</summary>
    public bool IsEmpty => Value is null;

    public static bool TryParse(string? text, out RouteId id)
    {
        id = Identifier.IsValid(text, MaxLength) ? new RouteId(text!) : default;
        return !id.IsEmpty;
    }

    public override string ToString() => Value ?? string.Empty;
}
