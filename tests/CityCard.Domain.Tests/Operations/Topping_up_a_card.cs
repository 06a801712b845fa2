using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Topping_up_a_card
{
    [Fact]
    public void A_top_up_in_any_city_raises_the_balance()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)))
            .When(TopUp("top-up-1", Yuan(50), City.NJ, TopUpChannel.Kiosk))
            .ThenAppends(new CardToppedUp("top-up-1", Clock.Now, Yuan(50), City.NJ, TopUpChannel.Kiosk));

        after.HasBalanceAndDeposit(Yuan(60), Yuan(20));
    }

    [Fact]
    public void A_top_up_may_fill_the_card_exactly_to_its_ceiling()
    {
        var ceiling = TestPolicies.CeilingOf(Given(Issued()).State);

        var after = Given(Issued(), ToppedUp(ceiling - Yuan(5)))
            .When(TopUp(amount: Yuan(5)))
            .ThenAppends(new CardToppedUp("top-up-1", Clock.Now, Yuan(5), City.NJ, TopUpChannel.Kiosk));

        Assert.Equal(ceiling, after.Balance);
    }

    [Fact]
    public void A_top_up_past_the_ceiling_is_refused_by_one_fen()
    {
        var ceiling = TestPolicies.CeilingOf(Given(Issued()).State);

        Given(Issued(), ToppedUp(ceiling - Yuan(5)))
            .When(TopUp(amount: Yuan(5) + Fen(1)))
            .ThenRejects(RejectionCode.BalanceCeilingExceeded);
    }

    [Fact]
    public void A_blocked_card_takes_no_top_up()
    {
        Given(Issued(), Blocked())
            .When(TopUp())
            .ThenRejects(RejectionCode.CardBlocked);
    }
}
