namespace CityCard.Domain.Tests.Support;

/// <summary>Checks on what a card looks like after some events, by the fields a person reads.</summary>
public static class CardStateAssertions
{
    public static void HasBalanceAndDeposit(this CardState state, Money balance, Money deposit)
    {
        Assert.Equal(balance, state.Balance);
        Assert.Equal(deposit, state.Deposit);
    }
}
