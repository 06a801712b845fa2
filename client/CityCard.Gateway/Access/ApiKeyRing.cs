using System.Security.Cryptography;

namespace CityCard.Gateway.Access;

/// <summary>How the presented key failed; each is a 401 with this name as its code.</summary>
public enum AuthenticationFailure
{
    MissingApiKey = 1,
    InvalidApiKey = 2,
}

/// <summary>
/// The keys a gateway knows. A gateway is usually given the whole region's keys (hashes suffice), so that another
/// city's valid key is recognised and answered 403 rather than 401.
/// </summary>
public sealed class ApiKeyRing
{
    // Compared against when the key id is unknown, so that an unknown id costs the same time as a wrong secret.
    private static readonly byte[] Decoy = ApiKey.Hash("no key has this secret; it only spends the time of a compare");

    private readonly Dictionary<string, ApiKey> keys;

    public ApiKeyRing(IEnumerable<ApiKey> keys)
    {
        this.keys = new Dictionary<string, ApiKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!key.HasConsistentCity)
            {
                throw new InvalidOperationException($"Key '{key.Id}': a {key.Role.Name()} key {(key.Role.IsRegional() ? "belongs to the region and has no city" : "needs its city")}.");
            }

            if (!this.keys.TryAdd(key.Id, key))
            {
                throw new InvalidOperationException($"Two API keys have the id '{key.Id}'.");
            }
        }
    }

    public int Count => keys.Count;

    /// <summary>
    /// The caller, or why not. <paramref name="keyIdForLog"/> is the presented key's id only when it is the id of a
    /// known key (a wrong secret), for the log line that records the refusal: an unknown "id" may be part of a secret
    /// (a caller who swapped id and secret, or pasted the secret alone), so it never reaches the log.
    /// </summary>
    public Caller? Authenticate(string? presented, out AuthenticationFailure failure, out string? keyIdForLog)
    {
        keyIdForLog = null;
        failure = AuthenticationFailure.MissingApiKey;
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        failure = AuthenticationFailure.InvalidApiKey;
        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || presented.Length > ApiKey.MaxIdLength + 1 + ApiKey.MaxSecretLength)
        {
            return null;
        }

        var id = presented[..dot];
        var secret = presented[(dot + 1)..];
        if (!ApiKey.IsValidId(id))
        {
            return null;
        }

        var known = keys.GetValueOrDefault(id);
        keyIdForLog = known?.Id;
        var matches = CryptographicOperations.FixedTimeEquals(ApiKey.Hash(secret), known?.SecretHash ?? Decoy);
        return known is not null && matches ? new Caller(known.Id, known.City, known.Role) : null;
    }
}
