using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Ledger;

/// <summary>
/// What every card event posts, in which city's ledger. Pure and exhaustive: each event type that moves money is listed, those that
/// move none declare it on the event (<see cref="IMovesNoMoney"/>), and an event type not listed stops the projection (<see cref="UnknownCardEventException"/>)
/// instead of being skipped. Adding a money event means adding one arm here and one row to the rules' test table.
///
/// The issuer of a card holds its float and deposits. A city where a card is topped up holds the cash and owes the
/// issuer; a city where a card pays owes its operator and is owed by the issuer. Clearing fees are not posted here:
/// they are computed on each window's totals when it closes (see <c>SettlementCalculator</c>).
/// </summary>
public static class PostingRules
{
    private static readonly IReadOnlyList<EntryDraft> Nothing = [];

    public static IReadOnlyList<EntryDraft> For(CardNumber card, CardEvent e) => e switch
    {
        CardIssued x => One(Issued(card.Issuer, x.Deposit)),
        CardToppedUp x => ToppedUp(card.Issuer, x.LoadCity, x.Amount),
        CardCharged x => Charged(card.Issuer, x.Tap.AcquirerCity, x.Tap.MerchantId, x.Tap.Category, x.Amount, EntryKind.Charge),
        ChargeReversed x => Reversed(card.Issuer, x.AcquirerCity, x.MerchantId, x.Category, x.Amount, EntryKind.Reversal),
        ChargeRefunded x => Reversed(card.Issuer, x.AcquirerCity, x.MerchantId, x.Category, x.Amount, EntryKind.Chargeback),
        FareAdjusted x => Charged(card.Issuer, x.AcquirerCity, x.MerchantId, x.Category, x.FareAfter - x.FareBefore, EntryKind.Adjustment),
        CardReplaced x => One(ReplacementOut(card.Issuer, x.BalanceMoved, x.DepositMoved)),
        ReplacementFundsReceived x => One(ReplacementIn(card.Issuer, x.Balance, x.Deposit)),
        CardClosed x => One(Closed(card.Issuer, x.BalanceRefunded, x.DepositRefunded, x.DebtSettledFromDeposit ?? Money.Zero)),

        PassSold x => PassPostings.Sale(card.Issuer, x.Pass.Issuer, x.Pass.Price),
        PassRefunded x => PassPostings.Refund(card.Issuer, x.Issuer, x.Amount),
        PassesApportioned x => [.. x.Slices.SelectMany(s => s.Before is { } before ? PassPostings.Correction(before, s.Apportionment) : PassPostings.Apportionment(s.Apportionment))],

        // Events that move no money say so where they are defined (IMovesNoMoney), so a new event is a decision, not
        // a silent skip: one that neither declares it nor has an arm here stops the projection.
        IMovesNoMoney => Nothing,

        _ => throw new UnknownCardEventException(e.GetType().Name),
    };

    /// <summary>The deposit is cash the issuer holds for the cardholder.</summary>
    private static EntryDraft? Issued(City issuer, Money deposit) =>
        EntryDraft.Of(issuer, EntryKind.Issue, null, Posting.Debit(Account.Cash, deposit), Posting.Credit(Account.DepositsHeld, deposit));

    /// <summary>The loading city holds the cash; the issuer owes the cardholder (float). Across cities, the loader owes the issuer.</summary>
    private static IReadOnlyList<EntryDraft> ToppedUp(City issuer, City loader, Money amount)
    {
        if (loader == issuer)
        {
            return One(EntryDraft.Of(issuer, EntryKind.TopUp, null, Posting.Debit(Account.Cash, amount), Posting.Credit(Account.CardFloat, amount)));
        }

        return Both(
            EntryDraft.Of(loader, EntryKind.TopUp, null, Posting.Debit(Account.Cash, amount), Posting.Credit(Account.DueTo(issuer), amount)),
            EntryDraft.Of(issuer, EntryKind.TopUp, null, Posting.Debit(Account.DueFrom(loader), amount), Posting.Credit(Account.CardFloat, amount)));
    }

    /// <summary>
    /// The float falls; the acquiring city owes its operator the fare. Across cities, the issuer owes the acquirer.
    /// A fare adjustment posts the same way for the difference (after − before): negative when money goes back to the
    /// card, which turns every line round. A free or fully capped ride (zero) posts nothing.
    /// </summary>
    private static IReadOnlyList<EntryDraft> Charged(City issuer, City acquirer, string merchant, Category category, Money amount, EntryKind kind)
    {
        if (acquirer == issuer)
        {
            return One(EntryDraft.Of(issuer, kind, category, Posting.Debit(Account.CardFloat, amount), Posting.Credit(Account.PayableTo(merchant), amount)));
        }

        return Both(
            EntryDraft.Of(issuer, kind, category, Posting.Debit(Account.CardFloat, amount), Posting.Credit(Account.DueTo(acquirer), amount)),
            EntryDraft.Of(acquirer, kind, category, Posting.Debit(Account.DueFrom(issuer), amount), Posting.Credit(Account.PayableTo(merchant), amount)));
    }

    /// <summary>
    /// The charge's entries turned round, for the amount given back: a new entry, the charge is never edited. A
    /// dispute's refund posts the same way as kind Chargeback: between two cities it is a chargeback, the acquirer
    /// owing the issuer back in the window the refund is recorded in, and the operator's payout bearing it.
    /// </summary>
    private static IReadOnlyList<EntryDraft> Reversed(City issuer, City acquirer, string merchant, Category category, Money amount, EntryKind kind)
    {
        if (acquirer == issuer)
        {
            return One(EntryDraft.Of(issuer, kind, category, Posting.Debit(Account.PayableTo(merchant), amount), Posting.Credit(Account.CardFloat, amount)));
        }

        return Both(
            EntryDraft.Of(issuer, kind, category, Posting.Debit(Account.DueTo(acquirer), amount), Posting.Credit(Account.CardFloat, amount)),
            EntryDraft.Of(acquirer, kind, category, Posting.Debit(Account.PayableTo(merchant), amount), Posting.Credit(Account.DueFrom(issuer), amount)));
    }

    /// <summary>
    /// The old card gives up its money; until the new card receives it (a second event, maybe much later if a silo
    /// died half-way) it sits in transit, still owed to the cardholder.
    /// </summary>
    private static EntryDraft? ReplacementOut(City issuer, Money balance, Money deposit) =>
        EntryDraft.Of(
            issuer,
            EntryKind.ReplacementOut,
            null,
            Posting.Debit(Account.CardFloat, balance),
            Posting.Debit(Account.DepositsHeld, deposit),
            Posting.Credit(Account.ReplacementsInTransit, balance + deposit));

    private static EntryDraft? ReplacementIn(City issuer, Money balance, Money deposit) =>
        EntryDraft.Of(
            issuer,
            EntryKind.ReplacementIn,
            null,
            Posting.Debit(Account.ReplacementsInTransit, balance + deposit),
            Posting.Credit(Account.CardFloat, balance),
            Posting.Credit(Account.DepositsHeld, deposit));

    /// <summary>
    /// The issuer pays the holder back the balance and the deposit in cash. A card closed in debt (a transit
    /// overdraft) refunds no balance: the issuer keeps that much of the deposit, which clears the debit on the float.
    /// </summary>
    private static EntryDraft? Closed(City issuer, Money balance, Money deposit, Money debtFromDeposit) =>
        EntryDraft.Of(
            issuer,
            EntryKind.Closure,
            null,
            Posting.Debit(Account.CardFloat, balance),
            Posting.Debit(Account.DepositsHeld, deposit + debtFromDeposit),
            Posting.Credit(Account.CardFloat, debtFromDeposit),
            Posting.Credit(Account.Cash, balance + deposit));

    private static IReadOnlyList<EntryDraft> One(EntryDraft? entry) => entry is null ? Nothing : [entry];

    private static EntryDraft[] Both(EntryDraft? first, EntryDraft? second) =>
        new[] { first, second }.OfType<EntryDraft>().ToArray();
}
