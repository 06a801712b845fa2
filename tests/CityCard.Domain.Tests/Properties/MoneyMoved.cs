namespace CityCard.Domain.Tests.Properties;

/// <summary>The money each event moves on the card's balance, signed, worked out from the event alone.</summary>
public static class MoneyMoved
{
    public static Money By(CardEvent e) => e switch
    {
        CardToppedUp x => x.Amount,
        ChargeReversed x => x.Amount,
        ReplacementFundsReceived x => x.Balance,
        CardCharged x => -x.Amount,
        CardReplaced x => -x.BalanceMoved,
        CardClosed x => -x.BalanceRefunded,
        _ => Money.Zero,
    };

    public static Money ByAll(IEnumerable<CardEvent> events) => events.Aggregate(Money.Zero, (sum, e) => sum + By(e));
}
