using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>
/// Who is calling, as their API key says: the key's id (safe to log, unlike the key), its city and role. The city is
/// null for the region's own keys (the clearing role), which work at every gateway. <see cref="Terminal"/> is set for a
/// registered terminal's own key (<c>tk:…</c>): such a caller acts only as that terminal (docs/decisions/0091).
/// </summary>
public sealed record Caller(string KeyId, City? City, Role Role)
{
    public TerminalCredential? Terminal { get; init; }
}
