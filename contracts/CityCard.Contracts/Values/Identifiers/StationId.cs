using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>A coach or rail station (<c>YB-GT</c>) in its city's fare policy, 1 to 32 identifier characters.</summary>
[GenerateSerializer, Immutable, Alias("citycard.station-id")]
[JsonConverter(typeof(IdentifierJsonConverter<StationId>))]
public readonly record struct StationId : IIdentifier<StationId>
{
    public const int MaxLength = 32;

    private StationId(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default</c>, which no parse produces: a missing id.</summary>
    public bool IsEmpty => Value is null;

    public static bool TryParse(string? text, out StationId id)
    {
        id = Identifier.IsValid(text, MaxLength) ? new StationId(text!) : default;
        return !id.IsEmpty;
    }

    public override string ToString() => Value ?? string.Empty;
}
