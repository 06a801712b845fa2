namespace CityCard.Http;

/// <summary>
/// POST /v1/cards/{card}/passes: sell a pass to the card, paid from its balance (a holder paying cash has the desk top
/// the card up first). <see cref="DefinedBy"/> is the city whose policy defines the pass (ZG, LZ, NJ, YB) or
/// <c>region</c>; <see cref="Month"/> (<c>yyyy-MM</c>) names the month of a monthly pass, the current or the next, and
/// is left out for other passes. The pass's id is the sale's operation id.
/// </summary>
public sealed record SellPassBody
{
    public required string DefinedBy { get; init; }

    public required string Product { get; init; }

    public string? Month { get; init; }
}
