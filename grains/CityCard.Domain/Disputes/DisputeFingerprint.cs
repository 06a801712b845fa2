using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Domain.Disputes;

/// <summary>
/// A digest of what a dispute command asked, computed alike from the request and from the event that recorded it, so
/// a retry can be told from a reuse of its operation id for something else.
/// </summary>
public static class DisputeFingerprint
{
    public static string Of(DisputeRequest request) => request switch
    {
        OpenDisputeRequest r => Digest("open", r.By, r.Actor, r.Card.Value, r.ChargeOperationId, r.Reason, r.Evidence),
        ReviewDisputeRequest r => Digest("review", r.By, r.Actor, r.Note),
        UpholdDisputeRequest r => Digest("uphold", r.By, r.Actor, r.Amount?.Fen.ToString(CultureInfo.InvariantCulture) ?? "full", r.Reason),
        RejectDisputeRequest r => Digest("reject", r.By, r.Actor, r.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Unknown dispute request."),
    };

    /// <summary>The fingerprint of the command an event records; null for an event that continues one (the refund's outcome).</summary>
    public static string? Of(DisputeEvent e) => e switch
    {
        DisputeOpened x => Digest("open", x.OpenedBy, x.Actor, x.Card.Value, x.ChargeOperationId, x.Reason, x.Evidence),
        DisputeReviewStarted x => Digest("review", x.By, x.Actor, x.Note),
        DisputeUpheld x => Digest("uphold", x.By, x.Actor, x.RequestedAmount?.Fen.ToString(CultureInfo.InvariantCulture) ?? "full", x.Reason),
        DisputeRejected x => Digest("reject", x.By, x.Actor, x.Reason),
        DisputeRefundPaid or DisputeRefundFailed => null,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown dispute event."),
    };

    private static string Digest(params object?[] parts)
    {
        // Length-prefixed parts, so that ("ab","c") and ("a","bc") never collide.
        var canonical = new StringBuilder();
        foreach (var part in parts)
        {
            var text = Convert.ToString(part, CultureInfo.InvariantCulture) ?? string.Empty;
            canonical.Append(text.Length).Append(':').Append(text).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())).AsSpan(0, 16));
    }
}
