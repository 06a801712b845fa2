using System.Text.Json.Serialization;

namespace CityCard.Http;

/// <summary>An RFC 7807 problem as the gateways send it: always with a named <see cref="Code"/> to branch on.</summary>
public sealed record GatewayProblem(
    string Type,
    string Title,
    int Status,
    string Code,
    string? Detail)
{
    /// <summary>The problem's other members (for a card rejection: operationId, balance, cardStatus, version).</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Extensions { get; init; }

    public override string ToString() => $"{Status} {Code}: {Detail ?? Title}";
}
