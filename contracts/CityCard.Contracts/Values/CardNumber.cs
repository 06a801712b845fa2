using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// A card number: the issuing city's code, a nine-digit serial and a Luhn check digit over the serial,
/// e.g. <c>ZG0000001230</c>. The city letters keep every grain key non-hexadecimal, and the check digit lets a
/// gateway or client refuse a mistyped number before any grain is touched.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.card-number")]
[JsonConverter(typeof(CardNumberJsonConverter))]
public readonly record struct CardNumber
{
    public const int SerialDigits = 9;
    public const int Length = 2 + SerialDigits + 1;

    private CardNumber(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    public City Issuer => !IsEmpty && Cities.TryParse(Value[..2], out var city)
        ? city
        : throw new InvalidOperationException("An empty card number has no issuer.");

    /// <summary>True for <c>default(CardNumber)</c>, which no parse ever produces: a missing number.</summary>
    public bool IsEmpty => Value is null;

    /// <summary>Parses a number as typed by a person: case and spaces or dashes between groups do not matter.</summary>
    public static bool TryParse(string? text, out CardNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
        if (compact.Length != Length || !Cities.TryParse(compact[..2], out _))
        {
            return false;
        }

        var digits = compact.AsSpan(2);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (CheckDigit(digits[..SerialDigits]) != digits[SerialDigits] - '0')
        {
            return false;
        }

        number = new CardNumber(compact);
        return true;
    }

    public static CardNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a valid card number.");

    /// <summary>Builds the number of a city's card from its serial, computing the check digit.</summary>
    public static CardNumber Create(City issuer, long serial)
    {
        if (serial is < 0 or > 999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(serial), serial, "A serial has nine digits.");
        }

        var digits = serial.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return new CardNumber($"{issuer}{digits}{CheckDigit(digits)}");
    }

    /// <summary>Luhn (mod 10) over the serial: catches every single-digit error and most swaps of neighbours.</summary>
    private static int CheckDigit(ReadOnlySpan<char> serial)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = serial.Length - 1; i >= 0; i--)
        {
            var d = serial[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (10 - (sum % 10)) % 10;
    }

    public override string ToString() => Value ?? string.Empty;
}

public sealed class CardNumberJsonConverter : JsonConverter<CardNumber>
{
    public override CardNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return CardNumber.TryParse(text, out var number)
            ? number
            : throw new JsonException($"'{text}' is not a valid card number.");
    }

    public override void Write(Utf8JsonWriter writer, CardNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
