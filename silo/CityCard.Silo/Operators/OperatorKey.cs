using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Silo.Operators;

/// <summary>
/// One of the region's API keys as the silo knows it: the same id, city, role and SHA-256 of the secret as the
/// gateways are given (settings <c>Operators:Keys</c>, the shape of <c>Gateway:Keys</c>), so one list of hashes serves
/// both. A caller presents <c>{id}.{secret}</c>. Only the operations role (a city's back office) and the clearing role
/// (the region's clearing operators) may open the operator pages.
/// </summary>
public sealed record OperatorKey(string Id, City? City, string Role, byte[] SecretHash)
{
    public const string Operations = "operations";
    public const string Clearing = "clearing";
    public const int MaxIdLength = 32;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 128;

    /// <summary>Every role a key of the region can have; the silo recognises them all and admits two.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["terminal", "service-desk", Operations, Clearing];

    public bool MayOperate => Role is Operations or Clearing;

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsValidSecret(string? secret) =>
        secret is { Length: >= MinSecretLength and <= MaxSecretLength } && secret.All(c => c is > ' ' and < (char)127);
}
