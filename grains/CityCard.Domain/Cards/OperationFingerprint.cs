using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>
/// A digest of what an operation asked for, computed the same way from the request and from the event that
/// recorded it, so that a retry can be compared with the first attempt without storing the request itself. The
/// operations listed here predate <see cref="CardRequest.CanonicalForm"/> and keep their digests (the operations
/// registry stores them); a new operation declares its parts on its request and its event instead of a line here.
/// </summary>
public static class OperationFingerprint
{
    public static string Of(CardRequest request) => request switch
    {
        IssueCardRequest r => Digest("issue", r.IssuingCity, r.Product, r.Deposit.Fen),
        TopUpRequest r => Digest("top-up", r.Amount.Fen, r.LoadCity, r.Channel),
        ChargeRequest r => Charge(r.Amount, new TapDetails(r.AcquirerCity, r.MerchantId, r.Category, r.TerminalId, r.TerminalSequence, r.TappedAt, r.Ride)),
        ReverseChargeRequest r => Digest("reverse", r.ChargeOperationId, r.Amount.Fen, r.Reason),
        RefundChargeRequest r => Digest("refund", r.ChargeOperationId, r.Amount.Fen, r.CaseId, r.Reason),
        BlockCardRequest r => Digest("block", r.Reason),
        UnblockCardRequest => Digest("unblock"),
        ReplaceCardRequest r => Digest("replace", r.NewCard),
        CloseCardRequest => Digest("close"),
        ClaimReplacementRequest r => Digest("claim-replacement", r.OldCard, r.Product),
        ReceiveReplacementFundsRequest r => Digest("receive-replacement-funds", r.OldCard, r.Balance.Fen, r.Deposit.Fen),
        SellPassRequest r => SellPass(r.DefinedBy?.ToString(), r.Product, r.Month),
        RefundPassRequest r => Digest("refund-pass", r.PassId),
        ApportionPassesRequest => Digest("apportion-passes"),
        _ when request.CanonicalForm() is { } parts => Digest(parts),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Unknown request."),
    };

    /// <summary>The fingerprint of the operation an event starts; null for an event that continues one.</summary>
    public static string? Of(CardEvent e) => e switch
    {
        CardIssued x => Digest("issue", x.Issuer, x.Product, x.Deposit.Fen),
        CardToppedUp x => Digest("top-up", x.Amount.Fen, x.LoadCity, x.Channel),
        CardCharged x => Charge(RequestedAmount(x.Amount, x.Tap), x.Tap),
        ChargeRefused x => Charge(RequestedAmount(x.Amount, x.Tap), x.Tap),
        ChargeReversed x => Digest("reverse", x.ChargeOperationId, x.Amount.Fen, x.Reason),
        ChargeRefunded x => Digest("refund", x.ChargeOperationId, x.Amount.Fen, x.CaseId, x.Reason),
        CardBlocked x => Digest("block", x.Reason),
        CardUnblocked => Digest("unblock"),
        CardReplaced x => Digest("replace", x.NewCard),
        CardClosed => Digest("close"),
        ReplacementCardClaimed x => Digest("claim-replacement", x.OldCard, x.Product),
        ReplacementFundsReceived => null,
        FareAdjusted => null,
        PassSold x => SellPass(x.Pass.Terms.Owner == "region" ? null : x.Pass.Terms.Owner, x.Pass.Terms.Product, x.Pass.Terms.Validity == Policies.PassValidity.CalendarMonth ? ChinaTime.DateOf(x.Pass.ValidFrom) : null),
        PassRefunded x => Digest("refund-pass", x.PassId),
        PassesCarriedOver => null,
        PassesApportioned => Digest("apportion-passes"),
        IStartsOperation x => Digest(x.CanonicalForm()),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event."),
    };

    /// <summary>
    /// A ride's request names no amount (the policy sets the fare), so its event is compared as the request was: zero.
    /// A tap recorded before policies, with no ride, named its amount.
    /// </summary>
    private static Money RequestedAmount(Money recorded, TapDetails tap) => tap.Ride is null ? recorded : Money.Zero;

    private static string Charge(Money amount, TapDetails tap) => tap.Ride is not { } ride
        ? Digest("charge", amount.Fen, tap.AcquirerCity, tap.MerchantId, tap.Category, tap.TerminalId, tap.TerminalSequence, tap.TappedAt.UtcTicks)
        : Digest(
            "charge", amount.Fen, tap.AcquirerCity, tap.MerchantId, tap.Category, tap.TerminalId, tap.TerminalSequence, tap.TappedAt.UtcTicks,
            "ride", ride.Route, ride.FromStation, ride.ToStation, ride.EndedAt?.UtcTicks);

    /// <summary>A monthly pass's request may name any day of its month; its sale records the month's first day.</summary>
    private static string SellPass(string? definedBy, string product, DateOnly? month) =>
        Digest("sell-pass", definedBy ?? "region", product, month is { } m ? $"{m.Year:D4}-{m.Month:D2}" : null);

    private static string Digest(params object?[] parts)
    {
        // Length-prefixed parts, so that ("ab","c") and ("a","bc") never collide.
        var canonical = new StringBuilder();
        foreach (var part in parts)
        {
            var text = Convert.ToString(part, CultureInfo.InvariantCulture) ?? string.Empty;
            canonical.Append(text.Length).Append(':').Append(text).Append('|');
        }

        // The same operation's parts repeat card after card in a bulk issue (issuer, product, deposit): the last digest
        // computed on this thread is kept with its canonical text, so a repeat costs a string comparison, not a hash.
        var whole = canonical.ToString();
        if (lastDigest is { } last && string.Equals(last.Canonical, whole, StringComparison.Ordinal))
        {
            return last.Digest;
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(whole)).AsSpan(0, 16));
        lastDigest = (whole, digest);
        return digest;
    }

    [ThreadStatic]
    private static (string Canonical, string Digest)? lastDigest;
}
