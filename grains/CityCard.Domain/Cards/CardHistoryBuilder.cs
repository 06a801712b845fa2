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
                Describe(e)));
        }

        return new CardHistory(card, asOf, entries, state.ToView());
    }

    private static DateTimeOffset? BusinessTime(CardEvent e) => e switch
    {
        CardCharged x => x.Tap.TappedAt,
        ChargeRefused x => x.Tap.TappedAt,
        _ => null,
    };

    private static string Describe(CardEvent e) => e switch
    {
        CardIssued x => $"Issued by {x.Issuer} as {x.Product}, deposit {x.Deposit}",
        CardToppedUp x => $"Topped up {x.Amount} in {x.LoadCity} ({x.Channel})",
        CardCharged x => $"Charged {x.Amount}: {x.Tap.Category} at {x.Tap.MerchantId} in {x.Tap.AcquirerCity}, terminal {x.Tap.TerminalId}#{x.Tap.TerminalSequence}",
        ChargeRefused x => $"Refused {x.Amount} ({x.Reason}): {x.Tap.Category} at {x.Tap.MerchantId} in {x.Tap.AcquirerCity}, terminal {x.Tap.TerminalId}#{x.Tap.TerminalSequence}",
        ChargeReversed x => $"Reversed {x.Amount} of charge {x.ChargeOperationId}: {x.Reason}",
        CardBlocked x => $"Blocked ({x.Reason})",
        CardUnblocked => "Unblocked",
        CardReplaced x => $"Replaced by {x.NewCard}: moved balance {x.BalanceMoved} and deposit {x.DepositMoved}",
        ReplacementCardClaimed x => $"Claimed as the replacement of {x.OldCard} ({x.Product})",
        ReplacementFundsReceived x => $"Received balance {x.Balance} and deposit {x.Deposit} from {x.OldCard}",
        CardClosed x => $"Closed: refunded balance {x.BalanceRefunded} and deposit {x.DepositRefunded}",
        _ => e.GetType().Name,
    };
}
