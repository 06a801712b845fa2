using System.Security.Cryptography;

namespace CityCard.Silo.Operators;

/// <summary>The keys the silo knows, by id; a presented key is checked in constant time whether or not its id is known.</summary>
public sealed class OperatorKeyRing(OperatorSettings settings)
{
    // Compared against when the id is unknown, so that an unknown id costs the same time as a wrong secret.
    private static readonly byte[] Decoy = OperatorKey.Hash("no key has this secret; it only spends the time of a compare");

    private readonly Dictionary<string, OperatorKey> keys = settings.Keys.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public bool IsEmpty => keys.Count == 0;

    public OperatorKey? Find(string id) => keys.GetValueOrDefault(id);

    /// <summary>The key whose <c>{id}.{secret}</c> was presented, or null.</summary>
    public OperatorKey? Authenticate(string? presented)
    {
        var dot = presented?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (presented is null || dot <= 0 || presented.Length > OperatorKey.MaxIdLength + 1 + OperatorKey.MaxSecretLength)
        {
            return null;
        }

        var known = keys.GetValueOrDefault(presented[..dot]);
        var matches = CryptographicOperations.FixedTimeEquals(OperatorKey.Hash(presented[(dot + 1)..]), known?.SecretHash ?? Decoy);
        return matches ? known : null;
    }
}
