using CityCard.Domain.Disputes;
using static CityCard.Domain.Tests.Disputes.DisputeKit;

namespace CityCard.Domain.Tests.Disputes;

/// <summary>
/// After an uphold the case asks the card for the refund and records its answer; both are the decider's, not the
/// grain's (docs/decisions/0080): what to ask, and the event that records the answer.
/// </summary>
public sealed class Recording_the_cards_refund_answer
{
    private static readonly DisputeState UpheldCase = Given(Opened(), Reviewing(), Upheld(1_500));

    [Fact]
    public void An_upheld_case_asks_the_card_for_its_refund_under_the_cases_refund_operation_id()
    {
        var ask = DisputeDecider.RefundToAsk(UpheldCase);

        Assert.Equal(new RefundChargeRequest("refund:YB:case-1", ChargeId, Money.FromFen(1_500), CaseId, Upheld(1_500).Reason), ask);
    }

    [Fact]
    public void A_case_with_no_refund_pending_asks_nothing()
    {
        Assert.Null(DisputeDecider.RefundToAsk(Given(Opened(), Reviewing())));
        Assert.Null(DisputeDecider.RefundToAsk(Given(Opened(), Reviewing(), Upheld(1_500), Paid())));
    }

    [Fact]
    public void The_cards_acceptance_is_recorded_as_paid_at_the_cards_version_continuing_the_upholds_operation()
    {
        var answer = new CardOperationResult("refund:YB:case-1", OperationStatus.Accepted, null, null, Money.FromFen(7_200), CardStatus.Active, 12, false);

        var paid = Assert.IsType<DisputeRefundPaid>(Assert.IsType<DisputeDecision.Append>(DisputeDecider.RecordRefund(UpheldCase, answer, Clock.Now)).Event);

        Assert.Equal(("LZ:uphold-1", "refund:YB:case-1", Money.FromFen(1_500), 12L, Clock.Now), (paid.OperationId, paid.RefundOperationId, paid.Amount, paid.CardVersion, paid.RecordedAt));
        Assert.Equal(RefundStatus.Paid, DisputeEvolver.Evolve(UpheldCase, paid).Refund);
    }

    [Fact]
    public void The_cards_refusal_is_recorded_with_its_code_and_the_case_stays_upheld()
    {
        var answer = CardOperationResult.Rejected("refund:YB:case-1", RejectionCode.CardClosed, "Card is closed.");

        var failed = Assert.IsType<DisputeRefundFailed>(Assert.IsType<DisputeDecision.Append>(DisputeDecider.RecordRefund(UpheldCase, answer, Clock.Now)).Event);
        var after = DisputeEvolver.Evolve(UpheldCase, failed);

        Assert.Equal((RejectionCode.CardClosed, "Card is closed."), (failed.Code, failed.Detail));
        Assert.Equal((DisputeStatus.Upheld, RefundStatus.Failed), (after.Status, after.Refund));
    }

    [Fact]
    public void An_answer_already_recorded_is_a_replay_and_records_nothing()
    {
        var answer = new CardOperationResult("refund:YB:case-1", OperationStatus.Accepted, null, null, Money.FromFen(7_200), CardStatus.Active, 12, false);

        Assert.IsType<DisputeDecision.Replay>(DisputeDecider.RecordRefund(Given(Opened(), Reviewing(), Upheld(1_500), Paid()), answer, Clock.Now));
    }

    private static DisputeRefundPaid Paid() => new("LZ:uphold-1", Clock.Earlier, "refund:YB:case-1", Money.FromFen(1_500), 12);
}
