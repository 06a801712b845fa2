using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// An amount of renminbi in integer fen (0.01 yuan). Money is never a floating-point number anywhere in the system;
/// arithmetic is checked so an overflow is a fault, never a silent wrap.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.money")]
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money([property: Id(0)] long Fen) : IComparable<Money>
{
    public static Money Zero => default;

    public static Money FromFen(long fen) => new(fen);

    /// <summary>Whole yuan, for readable tests and configuration; 12 yuan is 1200 fen.</summary>
    public static Money FromYuan(long yuan) => new(checked(yuan * 100));

    public bool IsPositive => Fen > 0;

    public bool IsNegative => Fen < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static Money operator -(Money a) => new(checked(-a.Fen));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public static Money Max(Money a, Money b) => a >= b ? a : b;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>Yuan with two decimals, e.g. "-2.05"; for people, never parsed back.</summary>
    public override string ToString()
    {
        var sign = Fen < 0 ? "-" : string.Empty;
        var abs = Math.Abs((decimal)Fen);
        return sign + (abs / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }
}

/// <summary>Money travels in JSON as a plain integer number of fen.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Fen);
}
