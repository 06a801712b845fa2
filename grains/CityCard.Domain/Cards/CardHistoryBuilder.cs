using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>
/// Replays a card's events into a readable history: each event with the money it moved and the balance and status
/// it left. Used to answer a cardholder ("why was I charged", "why did the gate refuse me") and, later, disputes.
/// </summary>
public static class CardHistoryBuilder
{
    /// <param name="asOf">Only events recorded at or before this moment; all when null.</param>
    public static CardHistory Build(CardNumber card, IEnumerable<CardEvent> events, DateTimeOffset? asOf)
    {
        var state = CardState.Initial(card);
        var entries = new List<CardHistoryEntry>();
        foreach (var e in events)
        {
            if (asOf is { } limit && e.RecordedAt > limit)
            {
                break;
            }

            var before = state;
            state = CardEvolver.Evolve(state, e);
            entries.Add(new CardHistoryEntry(
                state.Version,
                CardEventTypes.NameOf(e),
                e.OperationId,
                e.RecordedAt,
                BusinessTime(e),
                state.Balance - before.Balance,
                state.Balance,
                state.Status,
                Describe(e),
                FareOf(e)));
        }

        return new CardHistory(card, asOf, entries, state.ToView());
    }

    private static DateTimeOffset? BusinessTime(CardEvent e) => e switch
    {
        CardCharged x => x.Tap.TappedAt,
        ChargeRefused x => x.Tap.TappedAt,
        FareAdjusted x => x.RideTappedAt,
        _ => null,
    };

    private static FareBreakdown? FareOf(CardEvent e) => e switch
    {
        CardCharged x => x.Fare,
        ChargeRefused x => x.Fare,
        FareAdjusted x => x.Fare,
        _ => null,
    };

    private static string Where(TapDetails tap) => tap.Ride switch
    {
        { Route: { } route } => $"{tap.Category} {route} in {tap.AcquirerCity}",
        { FromStation: { } from, ToStation: { } to } => $"{tap.Category} {from}→{to} in {tap.AcquirerCity}",
        not null => $"{tap.Category} in {tap.AcquirerCity}",
        null => $"{tap.Category} at {tap.MerchantId} in {tap.AcquirerCity}",
    };

    private static string Describe(CardEvent e) => e switch
    {
        CardIssued x => $"Issued by {x.Issuer} as {x.Product}, deposit {x.Deposit}",
        CardToppedUp x => $"Topped up {x.Amount} in {x.LoadCity} ({x.Channel})",
        CardCharged x => $"Charged {x.Amount}: {Where(x.Tap)}, terminal {x.Tap.TerminalId}#{x.Tap.TerminalSequence}",
        ChargeRefused x => $"Refused {x.Amount} ({x.Reason}): {Where(x.Tap)}, terminal {x.Tap.TerminalId}#{x.Tap.TerminalSequence}",
        FareAdjusted x => $"Fare of {x.ChargeOperationId} ({x.Category} in {x.AcquirerCity}) adjusted {x.FareBefore} → {x.FareAfter}: {x.Reason}",
        ChargeReversed x => $"Reversed {x.Amount} of charge {x.ChargeOperationId}: {x.Reason}",
        CardBlocked x => $"Blocked ({x.Reason})",
        CardUnblocked => "Unblocked",
        CardReplaced x => $"Replaced by {x.NewCard}: moved balance {x.BalanceMoved} and deposit {x.DepositMoved}",
        ReplacementCardClaimed x => $"Claimed as the replacement of {x.OldCard} ({x.Product})",
        ReplacementFundsReceived x => $"Received balance {x.Balance} and deposit {x.Deposit} from {x.OldCard}",
        CardClosed { DebtSettledFromDeposit: { } debt } x => $"Closed: debt {debt} settled from the deposit, refunded deposit {x.DepositRefunded}",
        CardClosed x => $"Closed: refunded balance {x.BalanceRefunded} and deposit {x.DepositRefunded}",
        _ => e.GetType().Name,
    };
}
