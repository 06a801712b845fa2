using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Registry;

/// <summary>
/// Checks a registered terminal's own key (<see cref="TerminalKeys"/>) against the SHA-256 its city's registry holds.
/// The registry's answer for a terminal is kept for <see cref="Fresh"/> so that a tap costs no grain call; this
/// gateway forgets a terminal at once when it rotates, suspends, reinstates or retires it (or changes an operator), and
/// another gateway of the city sees the change within <see cref="Fresh"/>. docs/decisions/0091.
/// </summary>
public sealed class TerminalKeyVerifier(RegistryClient registry, GatewaySettings settings)
{
    /// <summary>How long another gateway of the city may go on trusting a key its registry has just replaced.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    // Compared against when the terminal is unknown, so that an unknown terminal costs the same time as a wrong secret.
    private static readonly byte[] Decoy = ApiKey.Hash("no terminal has this secret; it only spends the time of a compare");

    private readonly ConcurrentDictionary<string, (Contracts.TerminalCredential? Credential, long At)> cache = new(StringComparer.Ordinal);

    /// <summary>The terminal, when <paramref name="secret"/> is its current key's; null otherwise.</summary>
    public async Task<Contracts.TerminalCredential?> VerifyAsync(string terminalId, string secret)
    {
        var credential = await CredentialAsync(terminalId);
        var stored = credential is null ? Decoy : Convert.FromHexString(credential.KeyHash);
        return CryptographicOperations.FixedTimeEquals(ApiKey.Hash(secret), stored) ? credential : null;
    }

    /// <summary>Forget one terminal (its key or status changed here), or every terminal (an operator changed).</summary>
    public void Forget(string? terminalId = null)
    {
        if (terminalId is null)
        {
            cache.Clear();
        }
        else
        {
            cache.TryRemove(terminalId, out _);
        }
    }

    private async Task<Contracts.TerminalCredential?> CredentialAsync(string terminalId)
    {
        var now = Stopwatch.GetTimestamp();
        if (cache.TryGetValue(terminalId, out var known) && Stopwatch.GetElapsedTime(known.At, now) < Fresh)
        {
            return known.Credential;
        }

        var credential = await registry.CredentialAsync(settings.City, terminalId);
        cache[terminalId] = (credential, now);
        return credential;
    }
}
