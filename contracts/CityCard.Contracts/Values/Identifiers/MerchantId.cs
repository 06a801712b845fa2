using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>An operator or merchant (the bus company, a shop) as its city names it, 1 to 32 identifier characters.</summary>
[GenerateSerializer, Immutable, Alias("citycard.merchant-id")]
[JsonConverter(typeof(IdentifierJsonConverter<MerchantId>))]
public readonly record struct MerchantId : IIdentifier<MerchantId>
{
    public const int MaxLength = 32;

    private MerchantId(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default</c>, which no parse produces: a missing id.</summary>
    public bool IsEmpty => Value is null;

    public static bool TryParse(string? text, out MerchantId id)
    {
        id = Identifier.IsValid(text, MaxLength) ? new MerchantId(text!) : default;
        return !id.IsEmpty;
    }

    public override string ToString() => Value ?? string.Empty;
}
