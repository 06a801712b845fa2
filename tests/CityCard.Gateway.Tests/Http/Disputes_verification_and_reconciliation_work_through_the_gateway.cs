using System.Net;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// The dispute walkthrough over real HTTP: a Yibin card charged a coach fare by a Luzhou terminal; Yibin's desk opens
/// a case, Luzhou's back office reviews and partly upholds it; the replay, the stream verification and a
/// reconciliation of the region's ledgers by the region's clearing operators, each through the city that would do it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Disputes_verification_and_reconciliation_work_through_the_gateway(GatewayFixture gateways)
{
    [Fact]
    public async Task A_Yibin_holder_contests_a_Luzhou_coach_fare_and_Luzhou_refunds_part_of_it()
    {
        var card = await gateways.NewActiveCardAsync(City.YB, 10_000);
        var chargeKey = NewKey("coach");
        var coach = new ChargeBody
        {
            Ride = new RideBody { FromStation = "LZ-CS", ToStation = "YB-CS" },
            MerchantId = "LZ-COACH", Category = Category.Coach, TerminalId = "LZ-COACH-T1", TerminalSequence = 17, TappedAt = DateTimeOffset.UtcNow.AddMinutes(-2),
        };
        Assert.Equal(3_500L, (await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(card, coach, chargeKey)).Expect().Charged);

        var replay = (await gateways.Client(City.YB, Role.Operations).ReplayAsync(card)).Expect();
        Assert.True(replay.Verification!.Verified);
        Assert.Equal($"LZ:{chargeKey}", replay.Entries[^1].OperationId);

        var caseKey = NewKey("wt")[..20];
        var opened = (await gateways.Client(City.YB, Role.ServiceDesk).OpenDisputeAsync(card, new OpenDisputeBody
        {
            ChargeOperationId = $"LZ:{chargeKey}", Reason = "Terminal set to Yibin; alighted at Hejiang", Evidence = "Ticket stub LZ-CS 08:10",
        }, caseKey)).Expect();
        var caseId = $"YB:{caseKey}";
        Assert.Equal((caseId, DisputeStatus.Open, City.LZ, "yb-service-desk"), (opened.CaseId, opened.Status, opened.Acquirer, opened.Steps[0].Actor));

        var byLuzhouDesk = await gateways.Client(City.LZ, Role.ServiceDesk).ReviewDisputeAsync(caseId, new ReviewDisputeBody { Note = "n" }, NewKey("r"));
        var byYibin = await gateways.Client(City.YB, Role.Operations).ReviewDisputeAsync(caseId, new ReviewDisputeBody { Note = "n" }, NewKey("r"));
        var byZigong = await gateways.Client(City.ZG, Role.Operations).GetDisputeAsync(caseId);
        Assert.Equal(("RoleNotAllowed", 403), (byLuzhouDesk.Problem?.Code, byLuzhouDesk.Problem?.Status));
        Assert.Equal(("NotChargeAcquirer", 403), (byYibin.Problem?.Code, byYibin.Problem?.Status));
        Assert.Equal(("NotCaseParty", 403), (byZigong.Problem?.Code, byZigong.Problem?.Status));
        Assert.Contains((await gateways.Client(City.LZ, Role.Operations).ListDisputesAsync(DisputeStatus.Open, limit: 500)).Expect().Cases, c => c.CaseId == caseId);

        var luzhou = gateways.Client(City.LZ, Role.Operations);
        (await luzhou.ReviewDisputeAsync(caseId, new ReviewDisputeBody { Note = "Checking the coach manifest" }, NewKey("review"))).Expect();
        var uphold = new UpholdDisputeBody { Amount = 2_000, Reason = "Manifest confirms Hejiang: refund the fare difference" };
        var upholdKey = NewKey("uphold");
        var upheld = (await luzhou.UpholdDisputeAsync(caseId, uphold, upholdKey)).Expect();
        var retried = await luzhou.UpholdDisputeAsync(caseId, uphold, upholdKey);

        Assert.Equal((DisputeStatus.Upheld, RefundStatus.Paid, 2_000L), (upheld.Status, upheld.Refund, upheld.RefundAmount!.Value.Fen));
        Assert.True(retried.Replayed);
        var yibin = gateways.Client(City.YB, Role.Operations);
        Assert.Equal(8_500L, (await yibin.GetCardAsync(card)).Expect().Balance.Fen);
        var beforeRefund = (await yibin.ReplayAsync(card, asOfVersion: 3)).Expect();
        Assert.Equal(6_500L, beforeRefund.State.Balance.Fen);
        Assert.Equal("charge_refunded.v1", (await yibin.ReplayAsync(card, limit: 1)).Expect().Entries.Single().EventType);
    }

    [Fact]
    public async Task A_citys_back_office_verifies_its_streams_page_by_page_and_one_card()
    {
        var card = await gateways.NewActiveCardAsync(City.NJ, 1_000);
        var operations = gateways.Client(City.NJ, Role.Operations);

        var one = (await operations.VerifyCardAsync(card)).Expect();
        var (streams, total, failed) = (0L, 0L, new List<StreamVerification>());
        string? after = null;
        do
        {
            var page = (await operations.VerifyStreamsAsync(after, 2)).Expect();
            (streams, total, after) = (streams + page.StreamsChecked, page.TotalStreams, page.NextAfter);
            failed.AddRange(page.Failed);
        }
        while (after is not null);

        Assert.Equal((true, 2L), (one.Verified, one.EventsChecked));
        Assert.Equal(total, streams);
        Assert.Empty(failed);
        Assert.All(failed, f => Assert.Equal(City.NJ, f.Card.Issuer));
    }

    [Fact]
    public async Task A_reconciliation_started_at_a_gateway_runs_in_the_cluster_and_reports_a_match()
    {
        await gateways.NewActiveCardAsync(City.ZG, 3_000);
        var operations = gateways.Client(City.LZ, Role.Clearing);

        var started = (await operations.StartReconciliationAsync(NewKey("recon"))).Expect();
        Assert.StartsWith("RG:", started.RunId, StringComparison.Ordinal);
        var progress = started;
        for (var i = 0; i < 600 && progress.Phase == ReconciliationPhase.Rebuilding; i++)
        {
            await Task.Delay(100);
            progress = (await operations.GetReconciliationAsync(started.RunId)).Expect();
        }

        Assert.True(progress.Phase == ReconciliationPhase.Done, progress.Error);
        Assert.True(progress.Report!.Matches, $"{progress.Report.DifferenceCount} differences");
        Assert.Equal(12, progress.Report.Floats.Count);
        var unknown = await operations.GetReconciliationAsync("RG:no-such-run");
        Assert.Equal((HttpStatusCode.NotFound, "UnknownRun"), ((HttpStatusCode)unknown.Problem!.Status, unknown.Problem.Code));
    }
}
