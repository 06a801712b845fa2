using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>
/// Who is calling, as their API key says: the key's id (safe to log, unlike the key), its city and role. The city is
/// null for the region's own keys (the clearing role), which work at every gateway.
/// </summary>
public sealed record Caller(string KeyId, City? City, Role Role);
