using CityCard.Contracts;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Cards;

/// <summary>
/// What a pass operation does to a card: selling one (paid from the balance, decision 0060), refunding one pro rata,
/// and apportioning the slices that have ended (decision 0061). The decisions themselves are the pure pass domain's
/// (<see cref="PassSales"/>, <see cref="PassRefunds"/>, <see cref="PassSlices"/>, <see cref="PassApportionment"/>);
/// this maps them onto the card: its status, its events, its rejection codes.
/// </summary>
internal static class PassDecider
{
    /// <summary>The longest pass product id or pass id accepted.</summary>
    public const int MaxIdLength = 40;

    public static CardDecision Sell(CardState s, SellPassRequest r, DateTimeOffset now, PolicySet policies)
    {
        if (!IsIdentifier(r.Product))
        {
            return InvalidId("A pass product");
        }

        if (r.DefinedBy is { } city && RequestValidation.CheckCity(city) is { } badCity)
        {
            return badCity;
        }

        if (CardDecider.UnlessActive(s) is { } status)
        {
            return status;
        }

        var request = new PassSaleRequest(r.OperationId, r.DefinedBy, r.Product, r.Month, now);
        return PassSales.Sell(policies, s.Card, s.Product!.Value, s.Balance, s.Passes.Book, request) switch
        {
            PassDecision<HeldPass>.Accepted a => CardDecision.Of(new PassSold(r.OperationId, now, a.Outcome)),
            PassDecision<HeldPass>.Refused no => Reject(no.Code, no.Detail),
            _ => throw new InvalidOperationException("Unknown pass decision."),
        };
    }

    /// <summary>A blocked card's pass may be refunded: the money is its holder's, as for a reversal.</summary>
    public static CardDecision Refund(CardState s, RefundPassRequest r, DateTimeOffset now)
    {
        // A pass's id is the operation id of its sale.
        if (!RequestValidation.IsValidOperationId(r.PassId))
        {
            return new CardDecision.Reject(RejectionCode.InvalidPassId, "A pass is named by the operation id of its sale.");
        }

        if (s.Status != CardStatus.Blocked && CardDecider.UnlessActive(s) is { } status)
        {
            return status;
        }

        if (s.Passes.Book.Find(r.PassId) is not { } pass)
        {
            return Reject(PassRejection.UnknownPass, $"Card {s.Card} holds no pass '{r.PassId}'.");
        }

        return PassRefunds.Quote(pass, now) switch
        {
            PassDecision<PassRefundQuote>.Accepted { Outcome: var q } => CardDecision.Of(
                new PassRefunded(r.OperationId, now, pass.PassId, pass.Issuer, q.Amount, q.ProRata, q.Fee, q.Remaining, q.Total, q.Unit)),
            PassDecision<PassRefundQuote>.Refused no => Reject(no.Code, no.Detail),
            _ => throw new InvalidOperationException("Unknown pass decision."),
        };
    }

    /// <summary>
    /// Every slice that has ended by <paramref name="now"/> and was not yet apportioned, and every apportioned slice
    /// whose apportionment the uses recorded since would change (a late covered ride): one event, or a refusal that
    /// records nothing when there is neither. Any card status: a replaced or closed card's passes still earn.
    /// </summary>
    public static CardDecision Apportion(CardState s, ApportionPassesRequest r, DateTimeOffset now)
    {
        var uses = s.Passes.Uses.Values.ToList();
        var slices = new List<PassSliceRevenue>();
        foreach (var pass in s.Passes.Book.Passes)
        {
            foreach (var slice in PassSlices.Of(pass, now))
            {
                var after = PassApportionment.Apportion(pass, slice, uses);
                var before = s.Passes.Apportioned.GetValueOrDefault(CardPasses.SliceKey(pass.PassId, slice.Number));
                if (before is null)
                {
                    slices.Add(new PassSliceRevenue(after));
                }
                else if (after.Since(before) is var (changes, unused) && (changes.Count > 0 || unused != Money.Zero))
                {
                    slices.Add(new PassSliceRevenue(after, before));
                }
            }
        }

        return slices.Count == 0
            ? new CardDecision.Reject(RejectionCode.NothingToApportion, $"No slice of a pass of {s.Card} has ended unapportioned, and none changed.")
            : CardDecision.Of(new PassesApportioned(r.OperationId, now, slices));
    }

    private static bool IsIdentifier(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static CardDecision.Reject InvalidId(string what) =>
        new(RejectionCode.InvalidPassId, $"{what} is 1 to {MaxIdLength} letters, digits, '-', '_', '.' or ':'.");

    private static CardDecision.Reject Reject(PassRejection code, string detail) => new(Code(code), detail);

    public static RejectionCode Code(PassRejection code) => code switch
    {
        PassRejection.UnknownPassProduct => RejectionCode.UnknownPassProduct,
        PassRejection.PassNotForProduct => RejectionCode.PassNotForProduct,
        PassRejection.InvalidPassStart => RejectionCode.InvalidPassStart,
        PassRejection.PassAlreadyHeld => RejectionCode.PassAlreadyHeld,
        PassRejection.TooManyPasses => RejectionCode.TooManyPasses,
        PassRejection.InsufficientBalance => RejectionCode.InsufficientBalance,
        PassRejection.UnknownPass => RejectionCode.UnknownPass,
        PassRejection.PassAlreadyRefunded => RejectionCode.PassAlreadyRefunded,
        PassRejection.PassExpired => RejectionCode.PassExpired,
        PassRejection.NothingToRefund => RejectionCode.NothingLeftOnPass,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown pass rejection."),
    };
}
