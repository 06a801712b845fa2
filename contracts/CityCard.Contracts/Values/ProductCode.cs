using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// A card product as a city names it (standard, student, senior, …). Products are data, not code: each city lists
/// its own, so this is a short lowercase code rather than an enum.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.product-code")]
[JsonConverter(typeof(ProductCodeJsonConverter))]
public readonly record struct ProductCode
{
    public const int MaxLength = 24;

    private ProductCode(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    public static ProductCode Standard { get; } = new("standard");

    public static ProductCode Student { get; } = new("student");

    public static ProductCode Senior { get; } = new("senior");

    public static bool TryParse(string? text, out ProductCode code)
    {
        code = default;
        if (text is null || text.Length is < 2 or > MaxLength || !char.IsAsciiLetterLower(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        // The well-known codes share one string: every card read from its stream names its product (issue 9, memory per card).
        code = text switch
        {
            "standard" => Standard,
            "student" => Student,
            "senior" => Senior,
            _ => new ProductCode(text),
        };
        return true;
    }

    public static ProductCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a product code.");

    public override string ToString() => Value ?? string.Empty;
}

public sealed class ProductCodeJsonConverter : JsonConverter<ProductCode>
{
    public override ProductCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return ProductCode.TryParse(text, out var code) ? code : throw new JsonException($"'{text}' is not a product code.");
    }

    public override void Write(Utf8JsonWriter writer, ProductCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
