using CityCard.Contracts;

namespace CityCard.Gateway.Http;

/// <summary>
/// How a caller's Idempotency-Key becomes an operation id: the caller's city (always the gateway's), a colon, the key
/// (<c>LZ:tap-8812</c>); the region's clearing keys use <c>RG</c>. Scoping by city means two cities can never collide on a key, and a reversal, which names the
/// charge by the key it was made with, can only find charges its own city acquired.
/// </summary>
public static class OperationIds
{
    /// <summary>The scope of the region's own keys (clearing): their operations are the region's, at whatever gateway.</summary>
    public const string RegionScope = "RG";

    /// <summary>What an operation id leaves a key: its scope (a city code or <see cref="RegionScope"/>) and the colon take the rest.</summary>
    public static readonly int MaxKeyLength = OperationId.MaxLength - $"{RegionScope}:".Length;

    public const string Header = "Idempotency-Key";

    public static bool IsValidKey(string? key) => Identifier.IsValid(key, MaxKeyLength);

    public static string For(City city, string key) => $"{city}:{key}";

    /// <summary>
    /// The operation id of a caller's request: scoped by the key's city, or <see cref="RegionScope"/> for the region's
    /// keys, so a clearing operator's retry at another city's gateway is still the same operation.
    /// </summary>
    public static string For(Access.Caller caller, string key) => caller.City is { } city ? For(city, key) : $"{RegionScope}:{key}";

    /// <summary>
    /// The operation id of a tap that came without one: from the terminal and its sequence number, which identify a
    /// tap at its source. A terminal that uses <c>tap:{terminal}:{sequence}</c> as the Idempotency-Key of its online
    /// attempt gets the same id, so a tap first tried online and then uploaded offline is charged once.
    /// </summary>
    public static string ForTap(City city, string terminalId, long sequence) =>
        For(city, $"tap:{terminalId}:{sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
