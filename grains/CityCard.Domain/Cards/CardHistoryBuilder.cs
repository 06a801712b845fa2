using CityCard.Contracts;
using CityCard.Domain.Integrity;

namespace CityCard.Domain.Cards;

/// <summary>
/// Replays a card's events into a readable history: each event with the money it moved, the balance and status it
/// left, its business and recording times, and its stored hash; the state at the point asked for; and whether the
/// whole stream's hash chain verifies. What staff read when a cardholder asks "why was I charged", "why did the gate
/// refuse me", and what a dispute is decided on.
/// </summary>
public static class CardHistoryBuilder
{
    /// <summary>An event recorded more than this after it happened is shown as late (an offline upload, a correction).</summary>
    public static TimeSpan LateAfter { get; } = TimeSpan.FromMinutes(5);

    /// <param name="asOf">Only events recorded at or before this moment; all when null. The chain is not checked.</param>
    public static CardHistory Build(CardNumber card, IEnumerable<CardEvent> events, DateTimeOffset? asOf) =>
        Build(card, events.Select((e, i) => new ChainedEvent(i + 1, CardEventTypes.NameOf(e), e, null)).ToList(), new ReplayPoint(asOf), verify: false);

    /// <summary>
    /// The history as of <paramref name="point"/>, from the stream as stored. The chain is verified over the whole
    /// stream (a change after the point is still a change); an event that cannot be read ends the replay there.
    /// </summary>
    public static CardHistory Build(CardNumber card, IReadOnlyList<ChainedEvent> stored, ReplayPoint point, bool verify = true)
    {
        var state = CardState.Initial(card);
        var entries = new List<CardHistoryEntry>();
        foreach (var s in stored)
        {
            if (s.Event is not { } e || !point.Includes(s.Version, e.RecordedAt))
            {
                break;
            }

            var before = state;
            if (TryEvolve(state, e) is not { } after)
            {
                break;
            }

            state = after;
            var business = BusinessTime(e);
            entries.Add(new CardHistoryEntry(
                state.Version,
                CardEventTypes.NameOf(e),
                e.OperationId,
                e.RecordedAt,
                business,
                state.Balance - before.Balance,
                state.Balance,
                state.Status,
                Describe(e),
                FareOf(e),
                (e as ChargeRefused)?.Reason,
                business is { } at && e.RecordedAt - at > LateAfter,
                s.StoredHash,
                ChargeOf(e),
                (e as FareAdjusted)?.FareBefore));
        }

        var verification = verify ? StreamVerifier.Verify(card, stored) : null;
        return new CardHistory(card, point.AsOf, entries, state.ToView(), point.AsOfVersion, verification);
    }

    /// <summary>
    /// An event edited in storage can read back with members missing that folding needs; the replay ends before it
    /// (the verification names it) instead of failing the whole history.
    /// </summary>
    private static CardState? TryEvolve(CardState state, CardEvent e)
    {
        try
        {
            return CardEvolver.Evolve(state, e);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTimeOffset? BusinessTime(CardEvent e) => e switch
    {
        CardCharged x => x.Tap.TappedAt,
        ChargeRefused x => x.Tap.TappedAt,
        FareAdjusted x => x.RideTappedAt,
        _ => null,
    };

    /// <summary>The charge an event concerns, by its operation id, for the events that correct or give back a charge.</summary>
    private static string? ChargeOf(CardEvent e) => e switch
    {
        FareAdjusted x => x.ChargeOperationId,
        ChargeReversed x => x.ChargeOperationId,
        ChargeRefunded x => x.ChargeOperationId,
        PassRefunded x => x.PassId,
        _ => null,
    };

    private static FareBreakdown? FareOf(CardEvent e) => e switch
    {
        CardCharged x => x.Fare,
        ChargeRefused x => x.Fare,
        FareAdjusted x => x.Fare,
        _ => null,
    };

    private static string Slice(PassSliceRevenue s) =>
        $"{s.Apportionment.PassId} slice {s.Apportionment.Slice.Number}{(s.Before is null ? string.Empty : " again")}: "
        + string.Join(", ", s.Apportionment.Shares.Select(o => $"{o.Operator.OperatorId} {o.Share}").Append($"unused {s.Apportionment.Unused}"));

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
        ChargeRefunded x => $"Refunded {x.Amount} of charge {x.ChargeOperationId} ({x.Category} in {x.AcquirerCity}), dispute {x.CaseId}: {x.Reason}",
        CardBlocked x => $"Blocked ({x.Reason})",
        CardUnblocked => "Unblocked",
        CardReplaced x => $"Replaced by {x.NewCard}: moved balance {x.BalanceMoved} and deposit {x.DepositMoved}",
        ReplacementCardClaimed x => $"Claimed as the replacement of {x.OldCard} ({x.Product})",
        ReplacementFundsReceived x => $"Received balance {x.Balance} and deposit {x.Deposit} from {x.OldCard}",
        CardClosed { DebtSettledFromDeposit: { } debt } x => $"Closed: debt {debt} settled from the deposit, refunded deposit {x.DepositRefunded}",
        CardClosed x => $"Closed: refunded balance {x.BalanceRefunded} and deposit {x.DepositRefunded}",
        PassSold x => $"Bought pass {x.Pass.Terms.Name} ({x.Pass.Terms.Product}, {x.Pass.Terms.Policy}) for {x.Pass.Price}, pass {x.Pass.PassId}",
        PassRefunded x => $"Refunded pass {x.PassId}: {x.Remaining} of {x.Total} {x.Unit} left, {x.ProRata} pro rata less the fee of {x.Fee}",
        PassesCarriedOver x => $"Took over {x.Passes.Count} pass(es) from {x.OldCard}: {string.Join(", ", x.Passes.Select(p => p.PassId))}",
        PassesApportioned x => $"Pass revenue apportioned: {string.Join("; ", x.Slices.Select(Slice))}",

        // An event with no sentence of its own yet reads as the record it is: its type and its members.
        _ => e.ToString(),
    };
}
