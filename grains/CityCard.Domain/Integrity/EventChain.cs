using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Integrity;

/// <summary>
/// The hash chain of a card's stream: each event's hash covers the previous event's hash, the card, the event's
/// version and stored name, and its canonical form (<see cref="CanonicalEvent"/>). Editing any event, or moving,
/// dropping or reordering one, changes its hash and so every hash after it. Pure; the card's state carries the last
/// hash (<see cref="CardState.ChainHead"/>), so appending costs no read.
/// </summary>
public static class EventChain
{
    /// <summary>The head of a stream with no events: the first event links to 32 zero bytes.</summary>
    public const string Genesis = "";

    public const int HashLength = 64;

    private static readonly byte[] Zero = new byte[32];

    /// <summary>The hash of <paramref name="e"/> at <paramref name="version"/> of <paramref name="card"/>'s stream, as lower-case hex.</summary>
    public static string Link(string previous, CardNumber card, long version, CardEvent e)
    {
        // One SHA-256 over previous ‖ "card|version|name|" ‖ canonical form: the same digest as appending the three
        // parts to an incremental hash, without creating a hash object per event (bulk issuance links millions).
        var head = previous.Length == 0 ? Zero : Convert.FromHexString(previous);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{card.Value}|{version}|{CardEventTypes.NameOf(e)}|");
        var canonical = CanonicalEvent.Of(e);
        var buffer = new byte[head.Length + Encoding.UTF8.GetByteCount(prefix) + canonical.Length];
        head.CopyTo(buffer, 0);
        var written = head.Length + Encoding.UTF8.GetBytes(prefix, buffer.AsSpan(head.Length));
        canonical.CopyTo(buffer, written);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>A stored hash has the shape of one (64 lower-case hex digits); anything else never matches.</summary>
    public static bool IsWellFormed(string? hash) =>
        hash is { Length: HashLength } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
