using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

/// <summary>The old card's side of a replacement: it gives up its balance and deposit and is finished.</summary>
public sealed class Replacing_a_card
{
    [Fact]
    public void Replacing_an_active_card_moves_its_balance_and_deposit()
    {
        var after = Given(Issued(deposit: Yuan(20)), ToppedUp(Yuan(30)))
            .When(Replace("replace-1", Numbers.ZigongReplacement))
            .ThenAppends(new CardReplaced("replace-1", Clock.Now, Numbers.ZigongReplacement, Yuan(30), Yuan(20)));

        Assert.Equal(CardStatus.Replaced, after.Status);
        Assert.Equal(Numbers.ZigongReplacement, after.ReplacedBy);
        after.HasBalanceAndDeposit(Money.Zero, Money.Zero);
        Assert.Equal(new ReplacementTransfer("replace-1", Numbers.ZigongReplacement, Yuan(30), Yuan(20)), after.OutgoingReplacement);
    }

    [Fact]
    public void Replacing_a_lost_and_blocked_card_moves_its_balance_and_deposit()
    {
        var after = Given(Issued(deposit: Yuan(20)), ToppedUp(Yuan(30)), Charged(Yuan(2)), Blocked(BlockReason.Lost))
            .When(Replace("replace-1", Numbers.ZigongReplacement))
            .ThenAppends(new CardReplaced("replace-1", Clock.Now, Numbers.ZigongReplacement, Yuan(28), Yuan(20)));

        Assert.Equal(CardStatus.Replaced, after.Status);
        after.HasBalanceAndDeposit(Money.Zero, Money.Zero);
    }

    [Fact]
    public void A_replaced_card_cannot_be_replaced_again()
    {
        Given(Issued(), Replaced(Money.Zero))
            .When(Replace("replace-2", Numbers.ZigongOther))
            .ThenRejects(RejectionCode.CardReplaced);
    }

    [Fact]
    public void A_replaced_card_cannot_be_unblocked_back_to_life()
    {
        Given(Issued(), Blocked(), Replaced(Money.Zero))
            .When(Unblock())
            .ThenRejects(RejectionCode.CardReplaced);
    }
}
