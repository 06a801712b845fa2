using CityCard.Contracts;
using CityCard.Domain.Fares;
using CityCard.Domain.Integrity;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Cards;

/// <summary>
/// The one place a card's state changes: folds one event into the state. Pure and total over every event type;
/// it never refuses (events are facts), so replaying any stored stream always succeeds. Money moves as
/// <see cref="CardMoney"/> says; the chain head moves as <see cref="EventChain"/> says.
/// </summary>
public static class CardEvolver
{
    public static CardState Evolve(CardState state, CardEvent e)
    {
        var version = state.Version + 1;
        var money = CardMoney.Of(e);
        var next = Apply(state, e) with
        {
            Version = version,
            Balance = state.Balance + money.Balance,
            Deposit = state.Deposit + money.Deposit,
            ChainHead = EventChain.Link(state.ChainHead, state.Card, version, e),
        };
        return Remember(next, e);
    }

    public static CardState Fold(CardState state, IEnumerable<CardEvent> events) => events.Aggregate(state, Evolve);

    /// <summary>Everything an event changes besides the money and the version.</summary>
    private static CardState Apply(CardState s, CardEvent e) => e switch
    {
        CardIssued x => s with { Status = CardStatus.Active, Product = x.Product, IssuedAt = x.RecordedAt },
        CardToppedUp => s,
        CardCharged x => s with
        {
            Charges = s.Charges.Add(x.OperationId, new ChargeRecord(x.Amount, Money.Zero, x.Tap, x.RecordedAt), CardLimits.ChargeMemory),
            Rides = RideOf(x) is { } ride ? s.Rides.Add(ride) : s.Rides,
            Passes = x.Fare is { } fare
                ? s.Passes.Charged(x.OperationId, PassUse.Of(x.OperationId, x.Tap.AcquirerCity, x.Tap.MerchantId, x.Tap.Category, x.Tap.TappedAt, fare), fare, x.Tap.TappedAt, isEntry: x.Tap.Ride is null, isAdjustment: false)
                : s.Passes,
        },
        ChargeRefused => s,
        FareAdjusted x => s with
        {
            Charges = s.Charges.RecordAdjustment(x.ChargeOperationId, x.FareAfter - x.FareBefore),
            Rides = s.Rides.Reprice(x.ChargeOperationId, x.Fare),
            Passes = s.Passes.Charged(x.ChargeOperationId, PassUse.Of(x.ChargeOperationId, x.AcquirerCity, x.MerchantId, x.Category, x.RideTappedAt, x.Fare), x.Fare, x.RideTappedAt, isEntry: false, isAdjustment: true),
        },
        ChargeReversed x => s with
        {
            Charges = s.Charges.RecordReversal(x.ChargeOperationId, x.Amount),
            Rides = s.Rides.Freeze(x.ChargeOperationId),
        },

        // A disputed ride is settled by the case: no late tap moves its fare again.
        ChargeRefunded x => s with
        {
            Charges = s.Charges.RecordRefund(x.ChargeOperationId, x.Amount),
            Rides = s.Rides.Freeze(x.ChargeOperationId),
        },
        CardBlocked x => s with { Status = CardStatus.Blocked, BlockedFor = x.Reason },
        CardUnblocked => s with { Status = CardStatus.Active, BlockedFor = null },
        CardReplaced x => s with
        {
            Status = CardStatus.Replaced,
            BlockedFor = null,
            OutgoingReplacement = new ReplacementTransfer(x.OperationId, x.NewCard, x.BalanceMoved, x.DepositMoved, Carried(s.Passes, x.RecordedAt)),
            Passes = s.Passes.GaveAway(x.RecordedAt),
        },
        ReplacementCardClaimed x => s with
        {
            Status = CardStatus.AwaitingReplacementFunds,
            Product = x.Product,
            IssuedAt = x.RecordedAt,
            ReplacementOf = x.OldCard,
            PendingReplacement = x.OperationId,
        },
        ReplacementFundsReceived x => s with
        {
            Status = CardStatus.Active,
            PendingReplacement = null,
            IncomingReplacement = new ReplacementTransfer(x.OperationId, x.OldCard, x.Balance, x.Deposit),
        },
        CardClosed => s with { Status = CardStatus.Closed, BlockedFor = null },
        PassSold x => s with { Passes = s.Passes.Sold(x.Pass, x.RecordedAt) },
        PassRefunded x => s with { Passes = s.Passes.Refunded(x) },
        PassesCarriedOver x => s with { Passes = s.Passes.CarriedIn(x) },
        PassesApportioned x => s with { Passes = s.Passes.Apportion(x) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown card event."),
    };

    /// <summary>Keeps the outcome of the operation the event belongs to, for answering retries.</summary>
    private static CardState Remember(CardState s, CardEvent e)
    {
        var fingerprint = OperationFingerprint.Of(e);
        if (fingerprint is null)
        {
            // A continuation (the replacement's funds arriving, a fare adjusted by a late tap) updates the outcome of
            // the operation it belongs to: a retry then answers with the balance after all of it.
            return s.Operations.TryGet(e.OperationId, out var started)
                ? s with { Operations = s.Operations.Remember(started with { BalanceAfter = s.Balance, StatusAfter = s.Status, Version = s.Version }, CardLimits.RecentOperationCapacity) }
                : s;
        }

        var (status, rejection) = e is ChargeRefused refused
            ? (OperationStatus.Refused, refused.Reason)
            : (OperationStatus.Accepted, (RejectionCode?)null);
        var charged = e is CardCharged c ? c.Amount : (Money?)null;
        var record = new OperationRecord(e.OperationId, fingerprint, status, rejection, s.Balance, s.Status, s.Version, charged);
        return s with { Operations = s.Operations.Remember(record, CardLimits.RecentOperationCapacity) };
    }

    /// <summary>What a replacement takes of the card's passes: null when it holds none still valid.</summary>
    private static CarriedPasses? Carried(CardPasses passes, DateTimeOffset at) =>
        passes.CarriedOut(at) is { Passes.Count: > 0 } carried ? new CarriedPasses(carried.Passes, carried.Uses, carried.Apportioned) : null;

    /// <summary>A priced transit charge becomes a remembered ride; purchases and charges from before policies do not.</summary>
    private static RideRecord? RideOf(CardCharged x) =>
        x.Tap.Ride is { } ride && x.Fare is { } fare
            ? RideRecord.Of(new RideTap(x.OperationId, x.Tap.AcquirerCity, x.Tap.Category, x.Tap.MerchantId, ride, x.Tap.TappedAt, x.Tap.TerminalId, x.Tap.TerminalSequence), fare)
            : null;
}
