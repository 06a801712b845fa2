using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

/// <summary>The new card's side of a replacement, step one: its unissued number is claimed for the old card.</summary>
public sealed class Claiming_a_replacement_card
{
    [Fact]
    public void Claiming_an_unissued_number_makes_it_await_the_old_cards_funds()
    {
        var after = GivenCard(Numbers.ZigongReplacement)
            .When(Claim("replace-1", Numbers.Zigong, ProductCode.Senior))
            .ThenAppends(new ReplacementCardClaimed("replace-1", Clock.Now, Numbers.ZigongReplacement, City.ZG, Numbers.Zigong, ProductCode.Senior));

        Assert.Equal(CardStatus.AwaitingReplacementFunds, after.Status);
        Assert.Equal(Numbers.Zigong, after.ReplacementOf);
        Assert.Equal("replace-1", after.PendingReplacement);
        Assert.Equal(ProductCode.Senior, after.Product);
        after.HasBalanceAndDeposit(Money.Zero, Money.Zero);
    }

    [Fact]
    public void An_issued_card_cannot_become_a_replacement()
    {
        GivenCard(Numbers.ZigongReplacement, Issued(card: Numbers.ZigongReplacement))
            .When(Claim())
            .ThenRejects(RejectionCode.ReplacementTargetUnavailable);
    }

    [Fact]
    public void A_number_claimed_for_one_card_cannot_be_claimed_for_another()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"))
            .When(Claim("replace-2", Numbers.ZigongOther))
            .ThenRejects(RejectionCode.ReplacementTargetUnavailable);
    }

    [Fact]
    public void An_awaiting_replacement_takes_no_top_up()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed())
            .When(TopUp(amount: Yuan(5)))
            .ThenRejects(RejectionCode.ReplacementPending);
    }
}
