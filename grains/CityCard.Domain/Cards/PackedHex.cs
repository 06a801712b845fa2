using System.Globalization;

namespace CityCard.Domain.Cards;

/// <summary>
/// A 32-digit lower-case hex text (an operation fingerprint) held as its 16 bytes, inline in the record that owns it,
/// instead of an 86-byte string per operation a card remembers (issue 9, memory per active card). Any other text is
/// kept as it is, so what goes in always comes out unchanged.
/// </summary>
internal readonly record struct PackedHex128(UInt128 Value, string? Text)
{
    public const int Digits = 32;

    public static PackedHex128 From(string text) =>
        HexDigits.IsLowerHex(text, Digits) ? new(UInt128.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), null) : new(default, text);

    public override string ToString() => Text ?? Value.ToString("x32", CultureInfo.InvariantCulture);
}

/// <summary>
/// A 64-digit lower-case hex text (a hash-chain link) held as its 32 bytes inline instead of a 150-byte string; any
/// other text (the chain's empty genesis) is kept as it is.
/// </summary>
internal readonly record struct PackedHex256(UInt128 High, UInt128 Low, string? Text)
{
    public const int Digits = 64;

    public static PackedHex256 From(string text) =>
        HexDigits.IsLowerHex(text, Digits)
            ? new(UInt128.Parse(text.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
                UInt128.Parse(text.AsSpan(32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), null)
            : new(default, default, text);

    public override string ToString() =>
        Text ?? string.Create(Digits, (High, Low), static (chars, v) =>
        {
            v.High.TryFormat(chars[..32], out _, "x32", CultureInfo.InvariantCulture);
            v.Low.TryFormat(chars[32..], out _, "x32", CultureInfo.InvariantCulture);
        });
}

internal static class HexDigits
{
    public static bool IsLowerHex(string? text, int digits)
    {
        if (text is null || text.Length != digits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
