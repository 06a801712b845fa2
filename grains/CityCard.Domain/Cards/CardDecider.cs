using CityCard.Contracts;
using static CityCard.Domain.Cards.RequestValidation;

namespace CityCard.Domain.Cards;

/// <summary>
/// Decides what one request does to a card: pure, given the state, the request, the recording time and the
/// product catalogue. The order of checks is fixed: operation id, then replay, then the request's shape, then the
/// card's rules. Only a tap the card refuses is recorded; every other refusal leaves the stream untouched.
/// </summary>
public static class CardDecider
{
    public static CardDecision Decide(CardState state, CardRequest request, DateTimeOffset now, ProductCatalog catalog)
    {
        if (!IsValidOperationId(request.OperationId))
        {
            return new CardDecision.Reject(RejectionCode.InvalidOperationId, $"An operation id is 1 to {CardLimits.MaxOperationIdLength} letters, digits or . _ : -");
        }

        // Funds arriving at a replacement card continue the operation that claimed it, so they bypass the replay check.
        if (request is ReceiveReplacementFundsRequest funds)
        {
            return ReceiveFunds(state, funds, now);
        }

        if (state.Operations.TryGet(request.OperationId, out var first))
        {
            return first.Fingerprint == OperationFingerprint.Of(request)
                ? new CardDecision.Replay(first)
                : new CardDecision.Reject(RejectionCode.OperationConflict, $"Operation '{request.OperationId}' was already used for a different request.");
        }

        return request switch
        {
            IssueCardRequest r => Issue(state, r, now, catalog),
            TopUpRequest r => TopUp(state, r, now, catalog),
            ChargeRequest r => Charge(state, r, now),
            ReverseChargeRequest r => Reverse(state, r, now),
            BlockCardRequest r => Block(state, r, now),
            UnblockCardRequest r => Unblock(state, r, now),
            ReplaceCardRequest r => Replace(state, r, now),
            CloseCardRequest r => Close(state, r, now),
            ClaimReplacementRequest r => Claim(state, r, now, catalog),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Unknown request."),
        };
    }

    private static CardDecision Issue(CardState s, IssueCardRequest r, DateTimeOffset now, ProductCatalog catalog)
    {
        if (CheckCity(r.IssuingCity) is { } city)
        {
            return city;
        }

        if (r.IssuingCity != s.Issuer)
        {
            return new CardDecision.Reject(RejectionCode.IssuerMismatch, $"Card {s.Card} belongs to {s.Issuer}, not {r.IssuingCity}.");
        }

        if (!catalog.TryGet(s.Issuer, r.Product, out _))
        {
            return new CardDecision.Reject(RejectionCode.UnknownProduct, $"{s.Issuer} sells no product '{r.Product}'.");
        }

        if (r.Deposit.IsNegative || r.Deposit > CardLimits.MaxDeposit)
        {
            return new CardDecision.Reject(RejectionCode.DepositOutOfRange, $"A deposit is 0 to {CardLimits.MaxDeposit.Fen} fen.");
        }

        return s.IsIssued
            ? new CardDecision.Reject(RejectionCode.CardAlreadyIssued, $"Card {s.Card} is already issued.")
            : CardDecision.Of(new CardIssued(r.OperationId, now, s.Card, s.Issuer, r.Product, r.Deposit));
    }

    private static CardDecision TopUp(CardState s, TopUpRequest r, DateTimeOffset now, ProductCatalog catalog)
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

        var ceiling = catalog.BalanceCeilingOf(s);
        return s.Balance + r.Amount > ceiling
            ? new CardDecision.Reject(RejectionCode.BalanceCeilingExceeded, $"The balance would be {(s.Balance + r.Amount).Fen} fen, above the ceiling of {ceiling.Fen} fen.")
            : CardDecision.Of(new CardToppedUp(r.OperationId, now, r.Amount, r.LoadCity, r.Channel));
    }

    private static CardDecision Charge(CardState s, ChargeRequest r, DateTimeOffset now)
    {
        if (CheckTap(r, now) is { } shape)
        {
            return shape;
        }

        if (!s.IsIssued)
        {
            return NotIssued(s);
        }

        var tap = new TapDetails(r.AcquirerCity, r.MerchantId, r.Category, r.TerminalId, r.TerminalSequence, r.TappedAt);
        var refusal = UnlessActive(s)?.Code ?? (s.Balance < r.Amount ? RejectionCode.InsufficientBalance : null);
        return refusal is { } reason
            ? CardDecision.Of(new ChargeRefused(r.OperationId, now, r.Amount, tap, reason))
            : CardDecision.Of(new CardCharged(r.OperationId, now, r.Amount, tap));
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

        return r.Amount > charge.Amount
            ? new CardDecision.Reject(RejectionCode.ReversalExceedsCharge, $"Charge '{r.ChargeOperationId}' was {charge.Amount.Fen} fen; {r.Amount.Fen} cannot be reversed.")
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

        return CardDecision.Of(new CardReplaced(r.OperationId, now, r.NewCard, s.Balance, s.Deposit));
    }

    private static CardDecision Close(CardState s, CloseCardRequest r, DateTimeOffset now)
    {
        if (s.Status != CardStatus.Blocked && UnlessActive(s) is { } status)
        {
            return status;
        }

        return CardDecision.Of(new CardClosed(r.OperationId, now, s.Balance, s.Deposit));
    }

    private static CardDecision Claim(CardState s, ClaimReplacementRequest r, DateTimeOffset now, ProductCatalog catalog)
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

        if (!catalog.TryGet(s.Issuer, r.Product, out _))
        {
            return new CardDecision.Reject(RejectionCode.UnknownProduct, $"{s.Issuer} sells no product '{r.Product}'.");
        }

        return s.IsIssued
            ? new CardDecision.Reject(RejectionCode.ReplacementTargetUnavailable, $"Card {s.Card} is already in use and cannot become a replacement.")
            : CardDecision.Of(new ReplacementCardClaimed(r.OperationId, now, s.Card, s.Issuer, r.OldCard, r.Product));
    }

    private static CardDecision ReceiveFunds(CardState s, ReceiveReplacementFundsRequest r, DateTimeOffset now)
    {
        if (r.Deposit.IsNegative || r.Deposit > CardLimits.MaxDeposit)
        {
            return new CardDecision.Reject(RejectionCode.DepositOutOfRange, $"A deposit is 0 to {CardLimits.MaxDeposit.Fen} fen.");
        }

        if (r.Balance.IsNegative)
        {
            return new CardDecision.Reject(RejectionCode.AmountNotPositive, "A replacement cannot receive a negative balance.");
        }

        if (s.Status == CardStatus.AwaitingReplacementFunds && s.PendingReplacement == r.OperationId && s.ReplacementOf == r.OldCard)
        {
            return CardDecision.Of(new ReplacementFundsReceived(r.OperationId, now, r.OldCard, r.Balance, r.Deposit));
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
    private static CardDecision.Reject? UnlessActive(CardState s) => s.Status switch
    {
        CardStatus.Active => null,
        CardStatus.NotIssued => NotIssued(s),
        CardStatus.Blocked => new(RejectionCode.CardBlocked, $"Card {s.Card} is blocked ({s.BlockedFor})."),
        CardStatus.Replaced => new(RejectionCode.CardReplaced, $"Card {s.Card} was replaced by {s.ReplacedBy}."),
        CardStatus.Closed => new(RejectionCode.CardClosed, $"Card {s.Card} is closed."),
        CardStatus.AwaitingReplacementFunds => new(RejectionCode.ReplacementPending, $"Card {s.Card} is waiting for the balance of {s.ReplacementOf}."),
        _ => throw new ArgumentOutOfRangeException(nameof(s), s.Status, "Unknown card status."),
    };

    private static CardDecision.Reject NotIssued(CardState s) =>
        new(RejectionCode.CardNotIssued, $"Card {s.Card} has not been issued.");
}
