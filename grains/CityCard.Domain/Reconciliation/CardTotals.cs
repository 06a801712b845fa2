using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Reconciliation;

/// <summary>
/// What the cards of each issuer hold, recomputed from their events alone with the cards' own money rule
/// (<see cref="CardMoney"/>), independently of the posting rules: the balances (owed to holders: the float), the
/// deposits, and what replaced cards gave up that their replacements have not yet received.
/// </summary>
public sealed class CardTotals
{
    public static readonly string FloatAccount = Account.CardFloat.Code;
    public static readonly string DepositsAccount = Account.DepositsHeld.Code;
    public static readonly string InTransitAccount = Account.ReplacementsInTransit.Code;

    private readonly Dictionary<City, (Money Balance, Money Deposit, Money InTransit)> totals = Cities.All.ToDictionary(c => c, _ => default((Money, Money, Money)));
    private readonly HashSet<CardNumber> cards = [];

    public long Cards => cards.Count;

    public void Add(RecordedCardEvent e)
    {
        cards.Add(e.Card);
        var change = CardMoney.Of(e.Event);
        var moved = e.Event switch
        {
            CardReplaced x => x.BalanceMoved + x.DepositMoved,
            ReplacementFundsReceived x => -(x.Balance + x.Deposit),
            _ => Money.Zero,
        };
        var (balance, deposit, inTransit) = totals[e.Card.Issuer];
        totals[e.Card.Issuer] = (balance + change.Balance, deposit + change.Deposit, inTransit + moved);
    }

    public Money Balances(City issuer) => totals[issuer].Balance;

    public Money Deposits(City issuer) => totals[issuer].Deposit;

    public Money InTransit(City issuer) => totals[issuer].InTransit;
}
