using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Closing_a_card
{
    [Fact]
    public void Closing_an_active_card_refunds_balance_and_deposit()
    {
        var after = Given(Issued(deposit: Yuan(20)), ToppedUp(Yuan(30)), Charged(Yuan(2)))
            .When(Close("close-1"))
            .ThenAppends(new CardClosed("close-1", Clock.Now, Yuan(28), Yuan(20)));

        Assert.Equal(CardStatus.Closed, after.Status);
        after.HasBalanceAndDeposit(Money.Zero, Money.Zero);
    }

    [Fact]
    public void Closing_a_blocked_card_refunds_balance_and_deposit()
    {
        var after = Given(Issued(deposit: Yuan(20)), ToppedUp(Yuan(30)), Blocked(BlockReason.Fraud))
            .When(Close("close-1"))
            .ThenAppends(new CardClosed("close-1", Clock.Now, Yuan(30), Yuan(20)));

        Assert.Equal(CardStatus.Closed, after.Status);
        after.HasBalanceAndDeposit(Money.Zero, Money.Zero);
    }

    [Fact]
    public void Closing_an_empty_card_without_deposit_records_a_zero_refund()
    {
        Given(Issued(deposit: Money.Zero))
            .When(Close("close-1"))
            .ThenAppends(new CardClosed("close-1", Clock.Now, Money.Zero, Money.Zero));
    }

    [Fact]
    public void A_closed_card_stays_closed()
    {
        Given(Issued(), Closed(Money.Zero))
            .When(Close("close-2"))
            .ThenRejects(RejectionCode.CardClosed);
    }
}
