using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>
/// One configured API key: its id, city, role and the SHA-256 of its secret. Only the hash is kept in memory. A caller
/// presents <c>{id}.{secret}</c> in the <c>X-Api-Key</c> header. A key of a regional role has no city; every other key
/// has one (<see cref="HasConsistentCity"/>).
/// </summary>
public sealed record ApiKey(string Id, City? City, Role Role, byte[] SecretHash)
{
    public const string Header = "X-Api-Key";
    public const int MaxIdLength = 32;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 128;

    /// <summary>A city's roles need the city; the region's roles must not have one.</summary>
    public bool HasConsistentCity => City is null == Role.IsRegional();

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Key ids are short names made to be logged: letters, digits, '-' and '_'.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Secrets are printable ASCII without spaces, so they travel in a header unchanged.</summary>
    public static bool IsValidSecret(string? secret) =>
        secret is { Length: >= MinSecretLength and <= MaxSecretLength } && secret.All(c => c is > ' ' and < (char)127);
}
