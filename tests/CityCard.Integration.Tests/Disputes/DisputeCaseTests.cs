using CityCard.Gateway.Cluster;
using CityCard.Contracts;
using CityCard.Domain.Disputes;
using CityCard.Grains.Disputes;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Disputes;

/// <summary>
/// Dispute cases on a real cluster and PostgreSQL: a Yibin card's coach fare charged in Luzhou, contested by Yibin,
/// reviewed and partly upheld by Luzhou; the refund is a compensating card event and a chargeback in the next
/// settlement, and every ledger still balances.
/// </summary>
public sealed class DisputeCaseTests(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    private readonly ClearingDays days = new(fixture);
    private DisputesClient Disputes => new(fixture.Cluster.Client);

    [Fact]
    public async Task An_upheld_cross_city_case_moves_money_back_through_the_next_settlement_and_every_ledger_balances()
    {
        var day = await days.FreshDayAsync();
        var (card, charge) = await CoachFareAsync();
        var fare = await days.SettleAsync(day);
        Assert.Contains(fare.Bilateral, b => (b.Payer, b.Payee, b.Flow, b.Gross.Fen) == (City.YB, City.LZ, "Coach", 3_500));

        var next = await days.FreshDayAsync();
        var caseId = NewCase();
        Assert.True((await Disputes.OpenAsync(caseId, Open(card, charge))).IsAccepted);
        Assert.True((await Disputes.ReviewAsync(caseId, Review())).IsAccepted);
        var upheld = await Disputes.UpholdAsync(caseId, Uphold(2_000));

        Assert.True(upheld.IsAccepted, $"{upheld.Rejection}: {upheld.Detail}");
        Assert.Equal((DisputeStatus.Upheld, RefundStatus.Paid, 2_000L), (upheld.Case!.Status, upheld.Case.Refund, upheld.Case.RefundAmount!.Value.Fen));
        var history = (await fixture.Cards.ReplayAsync(card, ReplayPoint.Now))!;
        Assert.Equal(("charge_refunded.v1", 2_000L, 8_500L), (history.Entries[^1].EventType, history.Entries[^1].Amount.Fen, history.State.Balance.Fen));
        Assert.True(history.Verification!.Verified);
        Assert.Equal(history.Entries[^2].Hash, upheld.Case.DecidedOnHead);

        var report = await days.CloseAsync(next);
        Assert.Equal([new ChargebackLine(City.YB, City.LZ, Category.Coach, Money.FromFen(2_000))], report.Chargebacks!);
        Assert.Equal(["ZG 0", "LZ -1990", "NJ 0", "YB 1990"], report.Positions.Select(p => $"{p.City} {p.Net.Fen}"));
        Assert.Contains(report.Dues, d => (d.Payer, d.Payee, d.Chargebacks.Fen, d.Fees.Fen, d.Due.Fen) == (City.YB, City.LZ, 2_000, -10, -1_990));
        Assert.Contains(report.Operators, o => (o.City, o.Merchant, o.Chargebacks.Fen, o.Payout.Fen) == (City.LZ, "LZ-COACH", 2_000, -2_000));
        Assert.DoesNotContain(report.Bilateral, b => b.Flow == "Coach");
        foreach (var city in Cities.All)
        {
            var balance = await fixture.Clearing.GetTrialBalanceAsync(city);
            Assert.True(balance.IsBalanced, $"{city}: {balance.TotalDebits} vs {balance.TotalCredits}");
        }
    }

    [Fact]
    public async Task A_second_refund_beyond_the_charge_is_refused_by_the_case_and_by_the_card()
    {
        await days.FreshDayAsync();
        var (card, charge) = await CoachFareAsync();
        var first = NewCase();
        await Disputes.OpenAsync(first, Open(card, charge));
        await Disputes.ReviewAsync(first, Review());
        Assert.True((await Disputes.UpholdAsync(first, Uphold(2_000))).IsAccepted);

        var second = NewCase();
        Assert.True((await Disputes.OpenAsync(second, Open(card, charge))).IsAccepted);
        await Disputes.ReviewAsync(second, Review());
        var beyond = await Disputes.UpholdAsync(second, Uphold(1_501));
        var direct = await fixture.Cluster.Client.GetGrain<ICardGrain>(card).RefundCharge(new RefundChargeRequest(NewOp("refund"), charge, Money.FromFen(1_501), second, "again"));
        var rest = await Disputes.UpholdAsync(second, Uphold(fen: null));

        Assert.Equal(DisputeRejection.RefundExceedsCharge, beyond.Rejection);
        Assert.Equal(RejectionCode.RefundExceedsCharge, direct.Rejection);
        Assert.Equal((1_500L, true), (rest.Case!.RefundAmount!.Value.Fen, rest.Case.Refund == RefundStatus.Paid));
        Assert.Equal(10_000L, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
    }

    [Fact]
    public async Task Only_the_charges_city_decides_each_step_is_idempotent_and_a_retry_refunds_once()
    {
        await days.FreshDayAsync();
        var (card, charge) = await CoachFareAsync();
        var caseId = NewCase();
        var open = Open(card, charge);

        var opened = await Disputes.OpenAsync(caseId, open);
        var reopened = await Disputes.OpenAsync(caseId, open);
        var conflict = await Disputes.OpenAsync(caseId, open with { Reason = "Another story" });
        var byYibin = await Disputes.ReviewAsync(caseId, Review() with { By = City.YB });
        await Disputes.ReviewAsync(caseId, Review());
        var uphold = Uphold(500);
        await Disputes.UpholdAsync(caseId, uphold);
        var retried = await Disputes.UpholdAsync(caseId, uphold);

        Assert.Equal((false, true), (opened.IsReplay, reopened.IsReplay));
        Assert.Equal(DisputeRejection.OperationConflict, conflict.Rejection);
        Assert.Equal(DisputeRejection.NotChargeAcquirer, byYibin.Rejection);
        Assert.True(retried.IsReplay);
        Assert.Equal(7_000L, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
        Assert.Equal(4, retried.Case!.Steps.Count);
        Assert.Equal(["YB yb-desk-07", "LZ lz-ops-02", "LZ lz-ops-02"], retried.Case.Steps.Take(3).Select(s => $"{s.By} {s.Actor}"));
        var list = await Disputes.ListAsync(City.LZ, DisputeStatus.Upheld, limit: 500);
        Assert.Contains(list.Cases, c => c.CaseId == caseId && c.RefundAmount == Money.FromFen(500));
    }

    /// <summary>
    /// A case is a Marten stream (docs/decisions/0080): its events in mt_events under their pinned names at versions
    /// 1, 2, 3…, and a second writer at a version already taken is refused; the clearing feed selects card events by
    /// type, so the projection catches up past them without reading them as card events.
    /// </summary>
    [Fact]
    public async Task A_case_is_a_marten_stream_of_pinned_events_that_the_clearing_feed_never_reads_as_card_events()
    {
        await days.FreshDayAsync();
        var (card, charge) = await CoachFareAsync();
        var caseId = NewCase();
        Assert.True((await Disputes.OpenAsync(caseId, Open(card, charge))).IsAccepted);
        Assert.True((await Disputes.ReviewAsync(caseId, Review())).IsAccepted);

        var stored = new List<string>();
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("select version, type from citycard.mt_events where stream_id = $1 order by version", connection)
            {
                Parameters = { new() { Value = MartenDisputeStore.StreamKey(caseId) } },
            };
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add($"{reader.GetInt64(0)} {reader.GetString(1)}");
            }
        }

        Assert.Equal(["1 dispute_opened.v1", "2 dispute_review_started.v1"], stored);
        var store = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IDisputeStore>();
        var loaded = await store.LoadAsync(caseId);
        var late = new DisputeReviewStarted(NewOp("LZ:late"), fixture.Now, City.LZ, "lz-ops-03", "a second writer at version 1");
        Assert.False(await store.AppendAsync(caseId, 1, [late], DisputeEvolver.Fold(DisputeState.Initial(caseId), [loaded[0], late])));

        var status = await fixture.Clearing.CatchUpAsync();
        Assert.Equal(0, status.LagEvents);
    }

    [Fact]
    public async Task Nothing_is_decided_on_a_card_stream_that_fails_its_hash_chain()
    {
        await days.FreshDayAsync();
        var (card, charge) = await CoachFareAsync();
        var caseId = NewCase();
        await Disputes.OpenAsync(caseId, Open(card, charge));
        await Disputes.ReviewAsync(caseId, Review());
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var edit = new NpgsqlCommand(
                "update citycard.mt_events set data = jsonb_set(data, array[(select k from jsonb_object_keys(data) k where lower(k) = 'amount')], '99999'::jsonb) " +
                "where stream_id = $1 and version = 2", connection) { Parameters = { new() { Value = card } } };
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var uphold = await Disputes.UpholdAsync(caseId, Uphold(2_000));
        var reject = await Disputes.RejectAsync(caseId, new RejectDisputeRequest(NewOp("reject"), City.LZ, "lz-ops-02", "No"));

        Assert.Equal((DisputeRejection.StreamNotVerified, DisputeRejection.StreamNotVerified), (uphold.Rejection!.Value, reject.Rejection!.Value));
        Assert.Contains("version 2", uphold.Detail, StringComparison.Ordinal);
        Assert.Equal(DisputeStatus.UnderReview, (await Disputes.GetAsync(caseId))!.Status);
    }

    [Fact]
    public async Task A_case_upheld_before_its_refund_was_asked_finishes_the_refund_on_its_next_call()
    {
        await days.FreshDayAsync();
        var (card, charge) = await CoachFareAsync();
        var caseId = NewCase();
        var store = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IDisputeStore>();
        var chargeView = (await fixture.Cluster.Client.GetGrain<ICardGrain>(card).GetCharge(charge))!;
        var head = (await fixture.Cards.VerifyAsync(card))!.Head!;
        var now = fixture.Now;

        // The grain died after recording the decision and before asking the card.
        DisputeEvent[] events =
        [
            new DisputeOpened(NewOp("open"), now, caseId, CardNumber.Parse(card), charge, City.YB, "yb-desk-07", "wrong stop", "stub", City.LZ, Category.Coach, chargeView.MerchantId, chargeView.Paid, chargeView.TappedAt, chargeView.TappedAt.AddDays(180)),
            new DisputeReviewStarted(NewOp("review"), now, City.LZ, "lz-ops-02", "manifest"),
            new DisputeUpheld(NewOp("uphold"), now, City.LZ, "lz-ops-02", Money.FromFen(700), Money.FromFen(700), false, "fare difference", head, DisputePolicy.RefundOperationId(caseId)),
        ];
        var state = DisputeEvolver.Fold(DisputeState.Initial(caseId), events);
        Assert.True(await store.AppendAsync(caseId, 0, events, state));

        var recovered = await Disputes.GetAsync(caseId);

        Assert.Equal(RefundStatus.Paid, recovered!.Refund);
        Assert.Equal(7_200L, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
    }

    /// <summary>A Yibin card with 100.00 rides the Luzhou coach from Luzhou Central to Yibin: 35.00 by Luzhou's policy.</summary>
    private async Task<(string Card, string Charge)> CoachFareAsync()
    {
        var card = CardClusterFixture.NewCard(City.YB);
        Assert.True((await fixture.Cards.IssueAsync(card, Issue(card))).IsAccepted);
        Assert.True((await fixture.Cards.TopUpAsync(card, TopUp(10_000, City.YB))).IsAccepted);
        var ride = ChargeRequest.ForRide(NewOp("LZ:coach"), City.LZ, "LZ-COACH", Category.Coach, "LZ-COACH-T1", 17, fixture.Now.AddMinutes(-5), RideDetails.Coach("LZ-CS", "YB-CS"));
        var charged = await fixture.Cards.ChargeAsync(card, ride);
        Assert.Equal(3_500L, charged.Charged!.Value.Fen);
        return (card, ride.OperationId);
    }

    private static string NewCase() => $"YB:case-{Guid.NewGuid():N}"[..24];

    private static OpenDisputeRequest Open(string card, string charge) =>
        new(NewOp("YB:open"), City.YB, "yb-desk-07", CardNumber.Parse(card), charge, "Terminal set to Yibin; alighted at Hejiang", "Ticket stub LZ-CS 08:10; driver's note");

    private static ReviewDisputeRequest Review() => new(NewOp("LZ:review"), City.LZ, "lz-ops-02", "Checking the coach manifest");

    private static UpholdDisputeRequest Uphold(long? fen) =>
        new(NewOp("LZ:uphold"), City.LZ, "lz-ops-02", fen is { } f ? Money.FromFen(f) : null, "Manifest confirms Hejiang; refund the fare difference");
}
