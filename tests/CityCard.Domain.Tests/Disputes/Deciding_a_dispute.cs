using CityCard.Domain.Disputes;
using static CityCard.Domain.Tests.Disputes.DisputeKit;

namespace CityCard.Domain.Tests.Disputes;

/// <summary>The case's life, step by step: each step one event, with the city, who acted, and why.</summary>
public sealed class Deciding_a_dispute
{
    [Fact]
    public void The_issuer_opens_a_case_copying_the_charge_as_the_card_holds_it_with_its_deadline()
    {
        var opened = Assert.IsType<DisputeOpened>(Assert.IsType<DisputeDecision.Append>(When(Given(), Open())).Event);

        Assert.Equal((City.YB, City.LZ, Money.FromFen(4_200), TappedAt.AddDays(180)), (opened.OpenedBy, opened.Acquirer, opened.ChargeAmount, opened.Deadline));
        var view = Given(opened).ToView()!;
        Assert.Equal((DisputeStatus.Open, City.YB, City.LZ, 1), (view.Status, view.Issuer, view.Acquirer, view.Steps.Count));
        Assert.Equal(("yb-desk-07", (City?)City.YB), (view.Steps[0].Actor, view.Steps[0].By));
    }

    [Fact]
    public void Open_then_review_then_a_partial_uphold_then_the_refund_paid()
    {
        var upheld = Assert.IsType<DisputeUpheld>(Assert.IsType<DisputeDecision.Append>(When(Given(Opened(), Reviewing()), Uphold(1_500))).Event);
        var state = Given(Opened(), Reviewing(), upheld);

        Assert.Equal((Money.FromFen(1_500), false, Head, "refund:YB:case-1"), (upheld.Amount, upheld.Full, upheld.StreamHead, upheld.RefundOperationId));
        Assert.Equal((DisputeStatus.Upheld, RefundStatus.Pending, true), (state.Status, state.Refund, state.RefundPending));

        var paid = DisputeEvolver.Evolve(state, new DisputeRefundPaid(upheld.OperationId, Clock.Now, upheld.RefundOperationId, upheld.Amount, 12));
        Assert.Equal((RefundStatus.Paid, 4L, Head), (paid.Refund, paid.Version, paid.DecidedOnHead));
        Assert.Equal(Money.FromFen(1_500), paid.ToView()!.RefundAmount);
    }

    [Fact]
    public void An_uphold_without_an_amount_refunds_all_that_is_left_of_the_charge()
    {
        var upheld = Assert.IsType<DisputeUpheld>(Assert.IsType<DisputeDecision.Append>(
            When(Given(Opened(), Reviewing()), Uphold(fen: null), Facts(Charge(reversed: 200)))).Event);

        Assert.Equal((Money.FromFen(4_000), true, (Money?)null), (upheld.Amount, upheld.Full, upheld.RequestedAmount));
    }

    [Fact]
    public void A_rejected_case_records_the_verified_head_and_is_final()
    {
        var rejected = Assert.IsType<DisputeRejected>(Assert.IsType<DisputeDecision.Append>(When(Given(Opened(), Reviewing()), Reject())).Event);
        var state = Given(Opened(), Reviewing(), rejected);

        Assert.Equal((DisputeStatus.Rejected, Head), (state.Status, state.DecidedOnHead));
        Assert.Equal(DisputeRejection.CaseDecided, Refused(When(state, Uphold(op: "LZ:uphold-2"))));
    }

    [Fact]
    public void A_case_opens_up_to_its_deadline_and_not_one_tick_after()
    {
        Assert.IsType<DisputeDecision.Append>(When(Given(), Open(), now: TappedAt.AddDays(180)));
        Assert.Equal(DisputeRejection.DeadlinePassed, Refused(When(Given(), Open(), now: TappedAt.AddDays(180).AddTicks(1))));
        Assert.IsType<DisputeDecision.Append>(DisputeDecider.Decide(Given(), Open(), Facts(), TappedAt.AddDays(200), new DisputePolicy(TimeSpan.FromDays(365))));
    }

    [Fact]
    public void A_retry_is_a_replay_and_the_same_id_for_other_content_a_conflict()
    {
        var state = Given(Opened(), Reviewing());

        Assert.IsType<DisputeDecision.Replay>(When(state, Review()));
        Assert.IsType<DisputeDecision.Replay>(When(state, Open()));
        Assert.Equal(DisputeRejection.OperationConflict, Refused(When(state, Review() with { Note = "Something else" })));
        Assert.Equal(DisputeRejection.OperationConflict, Refused(When(state, Open(reason: "Another story"))));
    }

    [Fact]
    public void The_fingerprint_of_each_command_matches_the_event_it_recorded()
    {
        var upheldFull = Given(Opened(), Reviewing());
        var decisions = new (DisputeState State, DisputeRequest Request)[]
        {
            (Given(), Open()),
            (Given(Opened()), Review()),
            (upheldFull, Uphold(1_500)),
            (upheldFull, Uphold(fen: null)),
            (upheldFull, Reject()),
        };

        foreach (var (state, request) in decisions)
        {
            var e = Assert.IsType<DisputeDecision.Append>(When(state, request)).Event;
            Assert.Equal(DisputeFingerprint.Of(request), DisputeFingerprint.Of(e));
        }
    }

    [Fact]
    public void Every_dispute_event_has_one_pinned_versioned_name()
    {
        var types = typeof(DisputeEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DisputeEvent)) && !t.IsAbstract);

        Assert.Equal(types.ToHashSet(), DisputeEventTypes.Names.Keys.ToHashSet());
        Assert.All(DisputeEventTypes.Names.Values, n => Assert.Matches(@"^dispute_[a-z_]+\.v\d+$", n));
        Assert.Equal(DisputeEventTypes.Names.Count, DisputeEventTypes.Names.Values.Distinct().Count());
    }

    private static DisputeRejection Refused(DisputeDecision decision) => Assert.IsType<DisputeDecision.Reject>(decision).Code;
}
