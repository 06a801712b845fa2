using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Blocking_a_card
{
    [Theory]
    [InlineData(BlockReason.Lost)]
    [InlineData(BlockReason.Stolen)]
    [InlineData(BlockReason.Fraud)]
    public void Blocking_an_active_card_records_why(BlockReason reason)
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)))
            .When(Block("block-1", reason))
            .ThenAppends(new CardBlocked("block-1", Clock.Now, reason));

        Assert.Equal(CardStatus.Blocked, after.Status);
        Assert.Equal(reason, after.BlockedFor);
        after.HasBalanceAndDeposit(Yuan(10), Yuan(20));
    }

    [Fact]
    public void Blocking_a_blocked_card_is_refused()
    {
        Given(Issued(), Blocked(BlockReason.Lost))
            .When(Block("block-1", BlockReason.Stolen))
            .ThenRejects(RejectionCode.CardAlreadyBlocked);
    }
}
