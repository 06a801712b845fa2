using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

/// <summary>A refused tap is the one refusal that is recorded, so that "why did the gate refuse me" has an answer.</summary>
public sealed class Charging_a_card_that_cannot_pay_records_a_refusal
{
    [Fact]
    public void Charging_a_blocked_card_records_a_refusal()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Blocked(BlockReason.Stolen))
            .When(Charge())
            .ThenRecordsRefusal(RejectionCode.CardBlocked);

        after.HasBalanceAndDeposit(Yuan(10), Yuan(20));
        AssertRemembersRefusal(after, RejectionCode.CardBlocked);
    }

    [Fact]
    public void Charging_a_replaced_card_records_a_refusal()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Replaced(Yuan(10)))
            .When(Charge())
            .ThenRecordsRefusal(RejectionCode.CardReplaced);

        AssertRemembersRefusal(after, RejectionCode.CardReplaced);
    }

    [Fact]
    public void Charging_a_closed_card_records_a_refusal()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Closed(Yuan(10)))
            .When(Charge())
            .ThenRecordsRefusal(RejectionCode.CardClosed);

        AssertRemembersRefusal(after, RejectionCode.CardClosed);
    }

    [Fact]
    public void Charging_a_replacement_still_awaiting_its_funds_records_a_refusal()
    {
        var after = GivenCard(Numbers.ZigongReplacement, Claimed())
            .When(Charge())
            .ThenRecordsRefusal(RejectionCode.ReplacementPending);

        AssertRemembersRefusal(after, RejectionCode.ReplacementPending);
    }

    [Fact]
    public void Charging_more_than_the_balance_records_a_refusal()
    {
        var after = Given(Issued(), ToppedUp(Yuan(2) - Fen(1)))
            .When(Charge(amount: Yuan(2)))
            .ThenRecordsRefusal(RejectionCode.InsufficientBalance);

        after.HasBalanceAndDeposit(Yuan(2) - Fen(1), Yuan(20));
        AssertRemembersRefusal(after, RejectionCode.InsufficientBalance);
    }

    [Fact]
    public void A_refused_tap_is_not_a_reversible_charge()
    {
        var after = Given(Issued(), Blocked())
            .When(Charge())
            .ThenRecordsRefusal(RejectionCode.CardBlocked);

        Assert.False(after.Charges.TryGet("charge-1", out _));
    }

    private static void AssertRemembersRefusal(CardState after, RejectionCode reason)
    {
        Assert.True(after.Operations.TryGet("charge-1", out var record));
        Assert.Equal(OperationStatus.Refused, record.Status);
        Assert.Equal(reason, record.Rejection);
        Assert.Equal(after.Version, record.Version);
    }
}
