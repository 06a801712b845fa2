using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>The caller's id of one operation (the idempotency key as recorded: <c>LZ:tap-8812</c>), 1 to 64 identifier characters.</summary>
[GenerateSerializer, Immutable, Alias("citycard.operation-id")]
[JsonConverter(typeof(IdentifierJsonConverter<OperationId>))]
public readonly record struct OperationId : IIdentifier<OperationId>
{
    public const int MaxLength = 64;

    private OperationId(string value) => Value = value;

    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default</c>, which no parse produces: a missing id.</summary>
    public bool IsEmpty => Value is null;

    public static bool TryParse(string? text, out OperationId id)
    {
        id = Identifier.IsValid(text, MaxLength) ? new OperationId(text!) : default;
        return !id.IsEmpty;
    }

    public override string ToString() => Value ?? string.Empty;
}
