using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Idempotency;

public sealed class Retrying_an_operation_replays_its_first_outcome
{
    public static TheoryData<RecordedRequest> Kinds => RequestKinds.Cases;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_same_request_twice_is_done_once(RecordedRequest kind)
    {
        var first = CardDecider.Decide(kind.Before, kind.Request, kind.Now, TestPolicies.Default, kind.Carried);
        var after = CardEvolver.Fold(kind.Before, Assert.IsType<CardDecision.Append>(first).Events);

        var retry = CardDecider.Decide(after, kind.Request, kind.Now.AddMinutes(10), TestPolicies.Default, kind.Carried);

        var replay = Assert.IsType<CardDecision.Replay>(retry);
        Assert.True(after.Operations.TryGet(kind.Request.OperationId, out var remembered));
        Assert.Equal(remembered, replay.First);
        Assert.Equal(kind.Status, replay.First.Status);
        Assert.Equal(after.Balance, replay.First.BalanceAfter);
        Assert.Equal(after.Status, replay.First.StatusAfter);
        Assert.Equal(after.Version, replay.First.Version);
    }

    [Fact]
    public void A_retry_answers_with_the_balance_the_first_attempt_left()
    {
        var first = Given(Issued(), ToppedUp(Yuan(50), "top-up-1"), Charged(Yuan(2), "charge-1"))
            .When(TopUp("top-up-1", Yuan(50), City.ZG, TopUpChannel.ServiceDesk))
            .ThenReplaysFirstOutcome();

        Assert.Equal(Yuan(50), first.BalanceAfter);
        Assert.Equal(2, first.Version);
    }

    [Fact]
    public void A_refused_tap_stays_refused_when_retried_after_a_top_up()
    {
        var first = Given(Issued(), Refused(Yuan(2), RejectionCode.InsufficientBalance, "charge-1"), ToppedUp(Yuan(10)))
            .When(Charge("charge-1", Yuan(2), tappedAt: Clock.Earlier.AddMinutes(-2)))
            .ThenReplaysFirstOutcome();

        Assert.Equal(OperationStatus.Refused, first.Status);
        Assert.Equal(RejectionCode.InsufficientBalance, first.Rejection);
    }

    [Fact]
    public void A_tap_retried_with_its_time_in_another_offset_is_the_same_tap()
    {
        var tappedAt = Clock.Now.AddMinutes(-3);
        var spec = Given(Issued(), ToppedUp(Yuan(10)));
        var after = spec.When(Charge(tappedAt: tappedAt)).ThenAppends(new CardCharged("charge-1", Clock.Now, Yuan(2), TapOf(Charge(tappedAt: tappedAt))));

        var retry = CardDecider.Decide(after, Charge(tappedAt: tappedAt.ToUniversalTime()), Clock.Now, TestPolicies.Default);

        Assert.IsType<CardDecision.Replay>(retry);
    }

    [Fact]
    public void A_rejected_request_leaves_no_trace_so_its_retry_is_judged_afresh()
    {
        var ceiling = CardLimits.DefaultBalanceCeiling;
        var full = Given(Issued(), ToppedUp(ceiling));
        full.When(TopUp("top-up-1", Yuan(5))).ThenRejects(RejectionCode.BalanceCeilingExceeded);

        Given(Issued(), ToppedUp(ceiling), Charged(Yuan(5)))
            .When(TopUp("top-up-1", Yuan(5)))
            .ThenAppends(new CardToppedUp("top-up-1", Clock.Now, Yuan(5), City.NJ, TopUpChannel.Kiosk));
    }
}
