using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>A terminal (gate, bus reader, till) as its acquirer names it, 1 to 32 identifier characters; with its sequence number it names a tap at its source.</summary>
[GenerateSerializer, Immutable, Alias("citycard.terminal-id")]
[JsonConverter(typeof(IdentifierJsonConverter<TerminalId>))]
public readonly record struct TerminalId : IIdentifier<TerminalId>
{
    public const int MaxLength = 32;

    private TerminalId(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default</c>, which no parse produces: a missing id.</summary>
    public bool IsEmpty => Value is null;

    public static bool TryParse(string? text, out TerminalId id)
    {
        id = Identifier.IsValid(text, MaxLength) ? new TerminalId(text!) : default;
        return !id.IsEmpty;
    }

    public override string ToString() => Value ?? string.Empty;
}
