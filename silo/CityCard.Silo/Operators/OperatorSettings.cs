using CityCard.Contracts;

namespace CityCard.Silo.Operators;

/// <summary>
/// Who may open the silo's operator pages (the dashboard, the clearing view), section <c>Operators</c>: the region's
/// keys, as hashes (<c>Operators:Keys:N:Id</c>, <c>:City</c>, <c>:Role</c>, <c>:SecretSha256</c> or <c>:Secret</c>, the
/// shape of the gateways' <c>Gateway:Keys</c>); the key that signs browser sessions (<c>Operators:SessionKey</c>, 32
/// bytes or more in base64, the same on every silo; random per process when empty); and how long a session lasts. With
/// no keys the pages are served to loopback callers only. A wrong value stops the silo with a message naming it.
/// </summary>
public sealed record OperatorSettings(IReadOnlyList<OperatorKey> Keys, byte[]? SessionKey, TimeSpan SessionLifetime)
{
    public const string Section = "Operators";

    public static OperatorSettings From(IConfiguration configuration)
    {
        var keys = configuration.GetSection($"{Section}:Keys").GetChildren().Select(ReadKey).ToList();
        var duplicate = keys.GroupBy(k => k.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two operator keys have the id '{duplicate.Key}'.");
        }

        var lifetime = configuration.GetValue($"{Section}:SessionLifetime", TimeSpan.FromHours(8));
        if (lifetime < TimeSpan.FromMinutes(1) || lifetime > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"{Section}:SessionLifetime is {lifetime}; it must be 1 minute to 1 day.");
        }

        return new OperatorSettings(keys, ReadSessionKey(configuration[$"{Section}:SessionKey"]), lifetime);
    }

    private static byte[]? ReadSessionKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length >= 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Section}:SessionKey must be at least 32 bytes in base64 (e.g. openssl rand -base64 32).");
        }
    }

    private static OperatorKey ReadKey(IConfigurationSection section)
    {
        var where = $"{Section}:Keys:{section.Key}";
        var id = section["Id"];
        if (!OperatorKey.IsValidId(id))
        {
            throw new InvalidOperationException($"{where}:Id is missing or not 1 to {OperatorKey.MaxIdLength} letters, digits, '-' or '_'.");
        }

        var role = section["Role"]?.Trim().ToLowerInvariant();
        if (role is null || !OperatorKey.Roles.Contains(role))
        {
            throw new InvalidOperationException($"{where}:Role (key '{id}') must be one of {string.Join(", ", OperatorKey.Roles)}.");
        }

        return new OperatorKey(id!, ReadCity(section, where, id!, role), role, SecretHash(section, where, id!));
    }

    /// <summary>The region's clearing keys name no city; every other key names its own.</summary>
    private static City? ReadCity(IConfigurationSection section, string where, string id, string role)
    {
        var text = section["City"];
        if (role == OperatorKey.Clearing)
        {
            return string.IsNullOrEmpty(text)
                ? null
                : throw new InvalidOperationException($"{where}:City (key '{id}'): a clearing key belongs to the region; give it no City.");
        }

        return Cities.TryParse(text, out var city)
            ? city
            : throw new InvalidOperationException($"{where}:City (key '{id}') must be one of {string.Join(", ", Cities.All)}.");
    }

    private static byte[] SecretHash(IConfigurationSection section, string where, string id)
    {
        var secret = section["Secret"];
        var hash = section["SecretSha256"];
        if (string.IsNullOrEmpty(secret) == string.IsNullOrEmpty(hash))
        {
            throw new InvalidOperationException($"{where} (key '{id}') needs exactly one of Secret and SecretSha256.");
        }

        if (!string.IsNullOrEmpty(secret))
        {
            return OperatorKey.IsValidSecret(secret)
                ? OperatorKey.Hash(secret)
                : throw new InvalidOperationException($"{where}:Secret (key '{id}') must be {OperatorKey.MinSecretLength} to {OperatorKey.MaxSecretLength} printable characters without spaces.");
        }

        try
        {
            var bytes = Convert.FromHexString(hash!);
            return bytes.Length == 32 ? bytes : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{where}:SecretSha256 (key '{id}') must be 64 hexadecimal digits.");
        }
    }
}
