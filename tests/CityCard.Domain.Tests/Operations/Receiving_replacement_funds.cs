using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

/// <summary>The new card's side of a replacement, last step: the old card's balance and deposit arrive.</summary>
public sealed class Receiving_replacement_funds
{
    [Fact]
    public void The_funds_of_the_old_card_activate_the_replacement()
    {
        var after = GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"))
            .When(Funds("replace-1", Numbers.Zigong, Yuan(30), Yuan(20)))
            .ThenAppends(new ReplacementFundsReceived("replace-1", Clock.Now, Numbers.Zigong, Yuan(30), Yuan(20)));

        Assert.Equal(CardStatus.Active, after.Status);
        Assert.Null(after.PendingReplacement);
        Assert.Equal(Numbers.Zigong, after.ReplacementOf);
        after.HasBalanceAndDeposit(Yuan(30), Yuan(20));
    }

    [Fact]
    public void The_funds_complete_the_claims_operation_record()
    {
        var after = GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"))
            .When(Funds("replace-1", Numbers.Zigong, Yuan(30), Yuan(20)))
            .ThenAppends(new ReplacementFundsReceived("replace-1", Clock.Now, Numbers.Zigong, Yuan(30), Yuan(20)));

        Assert.True(after.Operations.TryGet("replace-1", out var record));
        Assert.Equal(OperationFingerprint.Of(Claim("replace-1")), record.Fingerprint);
        Assert.Equal(OperationStatus.Accepted, record.Status);
        Assert.Equal(Yuan(30), record.BalanceAfter);
        Assert.Equal(CardStatus.Active, record.StatusAfter);
        Assert.Equal(2, record.Version);
    }

    [Fact]
    public void Funds_that_already_arrived_are_answered_with_a_replay()
    {
        var spec = GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"), FundsReceived(Yuan(30), Yuan(20), "replace-1"))
            .When(Funds("replace-1", Numbers.Zigong, Yuan(30), Yuan(20)));

        var first = spec.ThenReplaysFirstOutcome();
        Assert.Equal(Yuan(30), first.BalanceAfter);
        Assert.Equal(CardStatus.Active, first.StatusAfter);
    }

    [Fact]
    public void Funds_that_already_arrived_replay_even_after_the_card_moved_on()
    {
        var spec = GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"), FundsReceived(Yuan(30), Yuan(20), "replace-1"), ToppedUp(Yuan(5), "top-up-9"))
            .When(Funds("replace-1", Numbers.Zigong, Yuan(30), Yuan(20)));

        var first = spec.ThenReplaysFirstOutcome();
        Assert.Equal(Yuan(30), first.BalanceAfter);
        Assert.Equal(2, first.Version);
    }

    [Fact]
    public void Funds_for_another_operation_than_the_claim_are_refused()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"))
            .When(Funds("replace-2"))
            .ThenRejects(RejectionCode.ReplacementTargetUnavailable);
    }

    [Fact]
    public void Funds_from_another_card_than_the_claimed_one_are_refused()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"))
            .When(Funds("replace-1", Numbers.ZigongOther))
            .ThenRejects(RejectionCode.ReplacementTargetUnavailable);
    }

    [Fact]
    public void Funds_sent_to_a_number_that_was_never_claimed_are_refused()
    {
        GivenCard(Numbers.ZigongReplacement)
            .When(Funds())
            .ThenRejects(RejectionCode.ReplacementTargetUnavailable);
    }

    [Fact]
    public void Funds_of_a_negative_amount_are_refused()
    {
        var decision = GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"))
            .When(Funds("replace-1", Numbers.Zigong, Yuan(-30), Yuan(-20)))
            .Decision;

        Assert.IsType<CardDecision.Reject>(decision);
    }
}
