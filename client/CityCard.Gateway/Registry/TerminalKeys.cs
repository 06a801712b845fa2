using System.Security.Cryptography;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Registry;

/// <summary>
/// A registered terminal's own key: <c>tk:{terminal id}.{secret}</c> in X-Api-Key, the secret 32 random bytes in
/// base64url (43 characters, no dot, so the last dot parts id and secret even in a terminal id with dots). The prefix
/// holds a ':' that configured key ids never have, so a terminal key is never taken for one. The gateway makes the
/// key and shows it once; the registry keeps only the SHA-256 of the secret (hex), as configured keys' hashes are
/// kept (<see cref="ApiKey.Hash"/>). docs/decisions/0090.
/// </summary>
public static class TerminalKeys
{
    public const string Prefix = "tk:";

    /// <summary>A new key for <paramref name="terminalId"/> and the hash the registry stores.</summary>
    public static (string Key, string Hash) New(string terminalId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}{terminalId}.{secret}", HashOf(secret));
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(ApiKey.Hash(secret));

    /// <summary>The terminal id and secret of a presented terminal key; false when it is not one.</summary>
    public static bool TryParse(string? presented, out string terminalId, out string secret)
    {
        terminalId = secret = string.Empty;
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = presented.LastIndexOf('.');
        if (dot <= Prefix.Length || dot == presented.Length - 1)
        {
            return false;
        }

        terminalId = presented[Prefix.Length..dot];
        secret = presented[(dot + 1)..];
        return CityCard.Contracts.TerminalId.TryParse(terminalId, out _) && ApiKey.IsValidSecret(secret);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
