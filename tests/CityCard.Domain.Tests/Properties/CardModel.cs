namespace CityCard.Domain.Tests.Properties;

/// <summary>
/// A deliberately naive reference model of one issued card, written from the rules as documented and not from the
/// decider's code: plain fields, a dictionary of what each operation id was first used for, and the reversible
/// charges. It predicts each outcome, then applies it to itself, so it can be compared with the folded state.
/// <paramref name="issuedAt"/> is when the card was issued (or claimed as a replacement): a tap dated more than the
/// clock skew before it is recorded as refused.
/// </summary>
public sealed class CardModel(CardStatus status, Money balance, Money deposit, Money ceiling, DateTimeOffset issuedAt)
{
    private readonly Dictionary<string, CardRequest> recorded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Money Amount, bool Reversed)> charges = new(StringComparer.Ordinal);

    public CardStatus Status { get; private set; } = status;

    public Money Balance { get; private set; } = balance;

    public Money Deposit { get; private set; } = deposit;

    public Money Ceiling { get; } = ceiling;

    /// <summary>Ids the card recorded, oldest first.</summary>
    public List<string> RecordedIds { get; } = [];

    public CardRequest RecordedRequest(string id) => recorded[id];

    public bool IsRecorded(string id) => recorded.ContainsKey(id);

    public void Remember(CardRequest request)
    {
        recorded[request.OperationId] = request;
        RecordedIds.Add(request.OperationId);
    }

    public Expected Predict(CardRequest request)
    {
        if (request is ReceiveReplacementFundsRequest funds)
        {
            // The only funds a sequence sends are those that already activated the card: answered with a replay.
            return recorded.ContainsKey(funds.OperationId) ? new Expected.Replays() : throw new InvalidOperationException("Unexpected funds.");
        }

        if (recorded.TryGetValue(request.OperationId, out var first))
        {
            return first == request ? new Expected.Replays() : new Expected.Rejects(RejectionCode.OperationConflict);
        }

        return request switch
        {
            TopUpRequest r => BadAmount(r.Amount) ?? NotActive() ?? TopUp(r),
            ChargeRequest r => BadAmount(r.Amount) ?? Charge(r),
            ReverseChargeRequest r => BadAmount(r.Amount) ?? (Status == CardStatus.Blocked ? null : NotActive()) ?? Reversal(r),
            BlockCardRequest => Status == CardStatus.Blocked
                ? new Expected.Rejects(RejectionCode.CardAlreadyBlocked)
                : NotActive() ?? Expected.Append<CardBlocked>(),
            UnblockCardRequest => Status switch
            {
                CardStatus.Active => new Expected.Rejects(RejectionCode.CardNotBlocked),
                CardStatus.Blocked => Expected.Append<CardUnblocked>(),
                _ => new Expected.Rejects(StatusCode()),
            },
            ReplaceCardRequest => Status is CardStatus.Active or CardStatus.Blocked ? Expected.Append<CardReplaced>() : new Expected.Rejects(StatusCode()),
            CloseCardRequest => Status is CardStatus.Active or CardStatus.Blocked ? Expected.Append<CardClosed>() : new Expected.Rejects(StatusCode()),
            IssueCardRequest => new Expected.Rejects(RejectionCode.CardAlreadyIssued),
            _ => throw new InvalidOperationException($"The model does not take {request.GetType().Name}."),
        };
    }

    /// <summary>Applies an outcome the decider agreed with the model on.</summary>
    public void Apply(CardRequest request, Expected outcome)
    {
        if (outcome is Expected.RecordsRefusal)
        {
            Remember(request);
            return;
        }

        if (outcome is not Expected.Appends)
        {
            return;
        }

        Remember(request);
        switch (request)
        {
            case TopUpRequest r:
                Balance += r.Amount;
                break;
            case ChargeRequest r:
                Balance -= r.Amount;
                charges[r.OperationId] = (r.Amount, false);
                break;
            case ReverseChargeRequest r:
                Balance += r.Amount;
                charges[r.ChargeOperationId] = charges[r.ChargeOperationId] with { Reversed = true };
                break;
            case BlockCardRequest:
                Status = CardStatus.Blocked;
                break;
            case UnblockCardRequest:
                Status = CardStatus.Active;
                break;
            case ReplaceCardRequest:
                (Status, Balance, Deposit) = (CardStatus.Replaced, Money.Zero, Money.Zero);
                break;
            case CloseCardRequest:
                (Status, Balance, Deposit) = (CardStatus.Closed, Money.Zero, Money.Zero);
                break;
            default:
                throw new InvalidOperationException($"The model does not apply {request.GetType().Name}.");
        }
    }

    private Expected TopUp(TopUpRequest r) =>
        Balance + r.Amount > Ceiling ? new Expected.Rejects(RejectionCode.BalanceCeilingExceeded) : Expected.Append<CardToppedUp>();

    private Expected Charge(ChargeRequest r)
    {
        if (r.TappedAt < issuedAt - CardLimits.TapClockSkew)
        {
            return new Expected.RecordsRefusal(RejectionCode.TapBeforeIssue);
        }

        if (Status != CardStatus.Active)
        {
            return new Expected.RecordsRefusal(StatusCode());
        }

        return Balance < r.Amount ? new Expected.RecordsRefusal(RejectionCode.InsufficientBalance) : Expected.Append<CardCharged>();
    }

    private Expected Reversal(ReverseChargeRequest r)
    {
        if (!charges.TryGetValue(r.ChargeOperationId, out var charge))
        {
            return new Expected.Rejects(RejectionCode.ChargeNotFound);
        }

        if (charge.Reversed)
        {
            return new Expected.Rejects(RejectionCode.ChargeAlreadyReversed);
        }

        return r.Amount > charge.Amount ? new Expected.Rejects(RejectionCode.ReversalExceedsCharge) : Expected.Append<ChargeReversed>();
    }

    private static Expected.Rejects? BadAmount(Money amount)
    {
        if (!amount.IsPositive)
        {
            return new(RejectionCode.AmountNotPositive);
        }

        return amount > CardLimits.MaxOperationAmount ? new(RejectionCode.AmountAboveLimit) : null;
    }

    private Expected.Rejects? NotActive() => Status == CardStatus.Active ? null : new(StatusCode());

    private RejectionCode StatusCode() => Status switch
    {
        CardStatus.Blocked => RejectionCode.CardBlocked,
        CardStatus.Replaced => RejectionCode.CardReplaced,
        CardStatus.Closed => RejectionCode.CardClosed,
        _ => throw new InvalidOperationException($"The model has no code for {Status}."),
    };
}
