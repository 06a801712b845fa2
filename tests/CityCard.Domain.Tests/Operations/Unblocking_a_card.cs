using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Unblocking_a_card
{
    [Fact]
    public void Unblocking_a_blocked_card_makes_it_active_again()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Blocked(BlockReason.Lost))
            .When(Unblock("unblock-1"))
            .ThenAppends(new CardUnblocked("unblock-1", Clock.Now));

        Assert.Equal(CardStatus.Active, after.Status);
        Assert.Null(after.BlockedFor);
        after.HasBalanceAndDeposit(Yuan(10), Yuan(20));
    }

    [Fact]
    public void Unblocking_an_active_card_is_refused()
    {
        Given(Issued())
            .When(Unblock())
            .ThenRejects(RejectionCode.CardNotBlocked);
    }

    [Fact]
    public void An_unblocked_card_can_be_charged_again()
    {
        Given(Issued(), ToppedUp(Yuan(10)), Blocked(), Unblocked())
            .When(Charge())
            .ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2), TapOf(Charge())));
    }
}
