namespace CityCard.Domain.Tests.Properties;

public sealed class The_balance_is_the_sum_of_the_money_moved
{
    [Fact]
    public void After_every_step_the_balance_equals_the_money_the_events_moved()
    {
        // Top-ups, reversals and received funds in; charges, and what a replacement moved or a closure refunded, out.
        Sequences.EveryStep(step => Assert.Equal(MoneyMoved.ByAll(step.History), step.After.Balance));
    }

    [Fact]
    public void The_balance_and_deposit_never_go_negative()
    {
        Sequences.EveryStep(step =>
        {
            Assert.False(step.After.Balance.IsNegative, $"Balance {step.After.Balance}");
            Assert.False(step.After.Deposit.IsNegative, $"Deposit {step.After.Deposit}");
        });
    }
}
