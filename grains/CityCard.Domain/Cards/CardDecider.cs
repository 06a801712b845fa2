using CityCard.Contracts;
using CityCard.Domain.Policies;
using static CityCard.Domain.Cards.RequestValidation;

namespace CityCard.Domain.Cards;

/// <summary>
/// Decides what one request does to a card: pure, given the state, the request, the recording time and the cities'
/// policies. The order of checks is fixed: operation id, then replay, then the request's shape, then the card's
/// rules. Only a tap the card refuses is recorded; every other refusal leaves the stream untouched.
/// </summary>
public static class CardDecider
{
    /// <param name="carried">
    /// For a replacement card receiving its funds: what the old card's replacement gave up of its passes (read from the
    /// old card's stream by the grain); null otherwise.
    /// </param>
    public static CardDecision Decide(CardState state, CardRequest request, DateTimeOffset now, PolicySet policies, CarriedPasses? carried = null)
    {
        if (!IsValidOperationId(request.OperationId))
        {
            return new CardDecision.Reject(RejectionCode.InvalidOperationId, $"An operation id is 1 to {CardLimits.MaxOperationIdLength} letters, digits or . _ : -");
        }

        // Funds arriving at a replacement card continue the operation that claimed it, so they bypass the replay check.
        if (request is ReceiveReplacementFundsRequest funds)
        {
            return ReceiveFunds(state, funds, now, carried);
        }

        if (state.Operations.TryGet(request.OperationId, out var first))
        {
            return first.Fingerprint == OperationFingerprint.Of(request)
                ? new CardDecision.Replay(first)
                : new CardDecision.Reject(RejectionCode.OperationConflict, $"Operation '{request.OperationId}' was already used for a different request.");
        }

        return request switch
        {
            IssueCardRequest r => Issue(state, r, now, policies),
            TopUpRequest r => TopUp(state, r, now, policies),
            ChargeRequest r => ChargeDecider.Charge(state, r, now, policies),
            ReverseChargeRequest r => Reverse(state, r, now),
            RefundChargeRequest r => RefundDecider.Refund(state, r, now),
            BlockCardRequest r => Block(state, r, now),
            UnblockCardRequest r => Unblock(state, r, now),
            ReplaceCardRequest r => Replace(state, r, now),
            CloseCardRequest r => Close(state, r, now),
            ClaimReplacementRequest r => Claim(state, r, now, policies),
            SellPassRequest r => PassDecider.Sell(state, r, now, policies),
            RefundPassRequest r => PassDecider.Refund(state, r, now),
            ApportionPassesRequest r => PassDecider.Apportion(state, r, now),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Unknown request."),
        };
    }

    /// <summary>The product must be on sale in the issuer's policy in force now, and the deposit exactly the product's.</summary>
    private static CardDecision Issue(CardState s, IssueCardRequest r, DateTimeOffset now, PolicySet policies)
    {
        if (CheckCity(r.IssuingCity) is { } city)
        {
            return city;
        }

        if (r.IssuingCity != s.Issuer)
        {
            return new CardDecision.Reject(RejectionCode.IssuerMismatch, $"Card {s.Card} belongs to {s.Issuer}, not {r.IssuingCity}.");
        }

        if (policies.CityAt(s.Issuer, now) is null)
        {
            return new CardDecision.Reject(RejectionCode.NoPolicyInForce, $"No policy of {s.Issuer} is in force on {ChinaTime.DateOf(now):yyyy-MM-dd}.");
        }

        if (policies.ProductAt(s.Issuer, r.Product, now) is not { } product)
        {
            return new CardDecision.Reject(RejectionCode.UnknownProduct, $"{s.Issuer} sells no product '{r.Product}'.");
        }

        if (r.Deposit != product.Deposit)
        {
            return new CardDecision.Reject(RejectionCode.DepositOutOfRange, $"{s.Issuer}'s {r.Product} card takes a deposit of {product.Deposit.Fen} fen, not {r.Deposit.Fen}.");
        }

        return s.IsIssued
            ? new CardDecision.Reject(RejectionCode.CardAlreadyIssued, $"Card {s.Card} is already issued.")
            : CardDecision.Of(new CardIssued(r.OperationId, now, s.Card, s.Issuer, r.Product, r.Deposit));
    }

    private static CardDecision TopUp(CardState s, TopUpRequest r, DateTimeOffset now, PolicySet policies)
    {
        var shape = CheckAmount(r.Amount) ?? CheckCity(r.LoadCity)
            ?? (Enum.IsDefined(r.Channel) ? null : new CardDecision.Reject(RejectionCode.UnknownChannel, $"'{(int)r.Channel}' is not a top-up channel."));
        if (shape is not null)
        {
            return shape;
        }

        if (UnlessActive(s) is { } status)
        {
            return status;
        }

        // A product no longer sold keeps the system's ceiling rather than locking its holder out of top-ups.
        var ceiling = policies.ProductAt(s.Issuer, s.Product!.Value, now)?.BalanceCeiling ?? CardLimits.DefaultBalanceCeiling;
        return s.Balance + r.Amount > ceiling
            ? new CardDecision.Reject(RejectionCode.BalanceCeilingExceeded, $"The balance would be {(s.Balance + r.Amount).Fen} fen, above the ceiling of {ceiling.Fen} fen.")
            : CardDecision.Of(new CardToppedUp(r.OperationId, now, r.Amount, r.LoadCity, r.Channel));
    }

    private static CardDecision Reverse(CardState s, ReverseChargeRequest r, DateTimeOffset now)
    {
        if (CheckAmount(r.Amount) is { } amount)
        {
            return amount;
        }

        if (!IsValidReason(r.Reason))
        {
            return new CardDecision.Reject(RejectionCode.InvalidReason, $"A reason is 1 to {CardLimits.MaxReasonLength} characters of text.");
        }

        if (!IsValidOperationId(r.ChargeOperationId))
        {
            return new CardDecision.Reject(RejectionCode.InvalidOperationId, "The charge's operation id is malformed.");
        }

        // A blocked card may still be credited: the money belongs to its holder and moves on with a replacement.
        if (s.Status != CardStatus.Blocked && UnlessActive(s) is { } status)
        {
            return status;
        }

        // A charge older than the memory is gone even if no later charge has pushed it out of the book yet.
        if (!s.Charges.TryGet(r.ChargeOperationId, out var charge) || charge.RecordedAt < now - CardLimits.ChargeMemory)
        {
            return new CardDecision.Reject(RejectionCode.ChargeNotFound, $"Card {s.Card} has no reversible charge '{r.ChargeOperationId}'.");
        }

        if (charge.Reversed.IsPositive)
        {
            return new CardDecision.Reject(RejectionCode.ChargeAlreadyReversed, $"Charge '{r.ChargeOperationId}' was already reversed.");
        }

        // What a dispute already refunded cannot be reversed again.
        return r.Amount > charge.Reversible
            ? new CardDecision.Reject(RejectionCode.ReversalExceedsCharge, $"Charge '{r.ChargeOperationId}' was {charge.Paid.Fen} fen, {charge.Refunded.Fen} of it refunded; {r.Amount.Fen} cannot be reversed.")
            : CardDecision.Of(new ChargeReversed(r.OperationId, now, r.ChargeOperationId, r.Amount, charge.Tap.AcquirerCity, charge.Tap.Category, charge.Tap.MerchantId, r.Reason));
    }

    private static CardDecision Block(CardState s, BlockCardRequest r, DateTimeOffset now)
    {
        if (!Enum.IsDefined(r.Reason))
        {
            return new CardDecision.Reject(RejectionCode.UnknownBlockReason, $"'{(int)r.Reason}' is not a block reason.");
        }

        if (s.Status == CardStatus.Blocked)
        {
            return new CardDecision.Reject(RejectionCode.CardAlreadyBlocked, $"Card {s.Card} is already blocked ({s.BlockedFor}).");
        }

        return UnlessActive(s) ?? CardDecision.Of(new CardBlocked(r.OperationId, now, r.Reason));
    }

    private static CardDecision Unblock(CardState s, UnblockCardRequest r, DateTimeOffset now)
    {
        if (s.Status == CardStatus.Active)
        {
            return new CardDecision.Reject(RejectionCode.CardNotBlocked, $"Card {s.Card} is not blocked.");
        }

        return s.Status == CardStatus.Blocked
            ? CardDecision.Of(new CardUnblocked(r.OperationId, now))
            : UnlessActive(s)!;
    }

    private static CardDecision Replace(CardState s, ReplaceCardRequest r, DateTimeOffset now)
    {
        if (r.NewCard.IsEmpty)
        {
            return new CardDecision.Reject(RejectionCode.MalformedCardNumber, "The new card's number is missing.");
        }

        if (r.NewCard == s.Card)
        {
            return new CardDecision.Reject(RejectionCode.ReplacementSameCard, "A card cannot replace itself.");
        }

        if (r.NewCard.Issuer != s.Issuer)
        {
            return new CardDecision.Reject(RejectionCode.ReplacementIssuerMismatch, $"A {s.Issuer} card is replaced by a {s.Issuer} card, not by {r.NewCard}.");
        }

        // A lost or stolen card is exactly the one that gets replaced, so Blocked is allowed.
        if (s.Status != CardStatus.Blocked && UnlessActive(s) is { } status)
        {
            return status;
        }

        // The new card takes a debt as it takes a balance; one the replacement could not receive is settled first.
        if (s.Balance < -PolicyLimits.MaxTransitOverdraft)
        {
            return new CardDecision.Reject(RejectionCode.OutstandingDebt, $"Card {s.Card} owes {-s.Balance}; settle it at the service desk before replacing the card.");
        }

        return CardDecision.Of(new CardReplaced(r.OperationId, now, r.NewCard, s.Balance, s.Deposit));
    }

    private static CardDecision Close(CardState s, CloseCardRequest r, DateTimeOffset now)
    {
        if (s.Status != CardStatus.Blocked && UnlessActive(s) is { } status)
        {
            return status;
        }

        if (!s.Balance.IsNegative)
        {
            return CardDecision.Of(new CardClosed(r.OperationId, now, s.Balance, s.Deposit));
        }

        // A transit overdraft left the card owing: the deposit covers the debt, the rest of it is refunded.
        var debt = -s.Balance;
        return debt > s.Deposit
            ? new CardDecision.Reject(RejectionCode.OutstandingDebt, $"Card {s.Card} owes {debt} and its deposit is {s.Deposit}; top it up before closing.")
            : CardDecision.Of(new CardClosed(r.OperationId, now, Money.Zero, s.Deposit - debt, debt));
    }

    private static CardDecision Claim(CardState s, ClaimReplacementRequest r, DateTimeOffset now, PolicySet policies)
    {
        if (r.OldCard.IsEmpty)
        {
            return new CardDecision.Reject(RejectionCode.MalformedCardNumber, "The old card's number is missing.");
        }

        if (r.OldCard == s.Card)
        {
            return new CardDecision.Reject(RejectionCode.ReplacementSameCard, "A card cannot replace itself.");
        }

        if (r.OldCard.Issuer != s.Issuer)
        {
            return new CardDecision.Reject(RejectionCode.ReplacementIssuerMismatch, $"Card {s.Card} cannot replace a card of {r.OldCard.Issuer}.");
        }

        // The replacement keeps the old card's product, even one no longer on sale.
        if (!policies.EverSold(s.Issuer, r.Product))
        {
            return new CardDecision.Reject(RejectionCode.UnknownProduct, $"{s.Issuer} never sold a product '{r.Product}'.");
        }

        return s.IsIssued
            ? new CardDecision.Reject(RejectionCode.ReplacementTargetUnavailable, $"Card {s.Card} is already in use and cannot become a replacement.")
            : CardDecision.Of(new ReplacementCardClaimed(r.OperationId, now, s.Card, s.Issuer, r.OldCard, r.Product));
    }

    private static CardDecision ReceiveFunds(CardState s, ReceiveReplacementFundsRequest r, DateTimeOffset now, CarriedPasses? carried)
    {
        if (r.Deposit.IsNegative || r.Deposit > CardLimits.MaxDeposit)
        {
            return new CardDecision.Reject(RejectionCode.DepositOutOfRange, $"A deposit is 0 to {CardLimits.MaxDeposit.Fen} fen.");
        }

        // A transit overdraft can leave the old card owing, and the debt moves with the replacement; anything beyond
        // the largest overdraft a product may allow is not a card's balance.
        if (r.Balance < -PolicyLimits.MaxTransitOverdraft)
        {
            return new CardDecision.Reject(RejectionCode.AmountNotPositive, $"A replacement receives at most a debt of {PolicyLimits.MaxTransitOverdraft}.");
        }

        if (s.Status == CardStatus.AwaitingReplacementFunds && s.PendingReplacement == r.OperationId && s.ReplacementOf == r.OldCard)
        {
            var funds = new ReplacementFundsReceived(r.OperationId, now, r.OldCard, r.Balance, r.Deposit);
            return carried is { Passes.Count: > 0 } passes
                ? new CardDecision.Append([funds, new PassesCarriedOver(r.OperationId, now, r.OldCard, passes.Passes, passes.Uses, passes.Apportioned)])
                : CardDecision.Of(funds);
        }

        // Funds already received under this id: the same transfer is a retry, any other is a conflict.
        if (s.IncomingReplacement is { } received && received.OperationId == r.OperationId)
        {
            var same = received == new ReplacementTransfer(r.OperationId, r.OldCard, r.Balance, r.Deposit);
            return !same
                ? new CardDecision.Reject(RejectionCode.OperationConflict, $"Operation '{r.OperationId}' already brought other funds to {s.Card}.")
                : new CardDecision.Replay(s.Operations.TryGet(r.OperationId, out var done)
                    ? done
                    : new OperationRecord(r.OperationId, string.Empty, OperationStatus.Accepted, null, s.Balance, s.Status, s.Version));
        }

        return new CardDecision.Reject(RejectionCode.ReplacementTargetUnavailable, $"Card {s.Card} is not awaiting funds from {r.OldCard} for '{r.OperationId}'.");
    }

    /// <summary>The refusal a card gives when it is not active, or null when it is.</summary>
    internal static CardDecision.Reject? UnlessActive(CardState s) => s.Status switch
    {
        CardStatus.Active => null,
        CardStatus.NotIssued => NotIssued(s),
        CardStatus.Blocked => new(RejectionCode.CardBlocked, $"Card {s.Card} is blocked ({s.BlockedFor})."),
        CardStatus.Replaced => new(RejectionCode.CardReplaced, $"Card {s.Card} was replaced by {s.ReplacedBy}."),
        CardStatus.Closed => new(RejectionCode.CardClosed, $"Card {s.Card} is closed."),
        CardStatus.AwaitingReplacementFunds => new(RejectionCode.ReplacementPending, $"Card {s.Card} is waiting for the balance of {s.ReplacementOf}."),
        _ => throw new ArgumentOutOfRangeException(nameof(s), s.Status, "Unknown card status."),
    };

    internal static CardDecision.Reject NotIssued(CardState s) =>
        new(RejectionCode.CardNotIssued, $"Card {s.Card} has not been issued.");
}
