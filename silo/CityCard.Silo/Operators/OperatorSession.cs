using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CityCard.Silo.Operators;

/// <summary>
/// A browser's session on the operator pages, so that a key typed once into the login form opens the dashboard and
/// the clearing view without the browser ever keeping the key: <c>{key id}.{expiry, unix seconds}.{MAC}</c>, the MAC an
/// HMAC-SHA256 under the session key over the id, the expiry and the key's secret hash. Any silo with the same session
/// key accepts it; it dies at its expiry, when the key is removed, and when the key's secret changes.
/// </summary>
public sealed class OperatorSession(OperatorSettings settings, OperatorKeyRing keys, TimeProvider clock)
{
    public const string Cookie = "citycard-operator";

    private readonly byte[] sessionKey = settings.SessionKey ?? RandomNumberGenerator.GetBytes(32);

    public TimeSpan Lifetime => settings.SessionLifetime;

    public string Issue(OperatorKey key)
    {
        var expires = clock.GetUtcNow().Add(settings.SessionLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{key.Id}.{expires}.{Mac(key, expires)}";
    }

    /// <summary>The key a session token stands for, or null when it is malformed, forged, expired or its key is gone.</summary>
    public OperatorKey? Validate(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || keys.Find(parts[0]) is not { } key
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(key, parts[1]));
        var presented = Encoding.ASCII.GetBytes(parts[2]);
        return CryptographicOperations.FixedTimeEquals(expected, presented) && clock.GetUtcNow().ToUnixTimeSeconds() < expires ? key : null;
    }

    private string Mac(OperatorKey key, string expires)
    {
        var message = Encoding.UTF8.GetBytes($"citycard-operator-session|{key.Id}|{expires}|{Convert.ToHexString(key.SecretHash)}");
        return Convert.ToBase64String(HMACSHA256.HashData(sessionKey, message)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
