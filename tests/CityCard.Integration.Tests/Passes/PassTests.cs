using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Passes;

/// <summary>
/// Passes on a real cluster and PostgreSQL (decisions 0060, 0061): a Zigong regional bus pass sold from the balance,
/// ridden in all four cities at no cost, apportioned when its period ends and settled between the cities in the
/// window where the apportionment is made, every ledger balanced to the fen; a pass refunded pro rata; a pass carried
/// by a replacement card.
/// </summary>
public sealed class PassTests(PassClearingFixture fixture) : IClassFixture<PassClearingFixture>
{
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private ICardGrain Card(string card) => fixture.Cluster.Client.GetGrain<ICardGrain>(card);

    [Fact]
    public async Task A_regional_pass_ridden_in_four_cities_is_apportioned_and_settled_between_them_in_the_window_it_is_made()
    {
        var days = new ClearingDays(fixture);
        var saleDay = await days.FreshDayAsync();
        var card = await FundedCard(City.ZG, 200_00);

        var sold = await Card(card).SellPass(new SellPassRequest("ZG:regional-1", null, "regional-bus-30", null));
        Assert.True(sold.IsAccepted, sold.Detail);
        Assert.Equal(50_00, sold.Balance.Fen);

        var first = Now.AddMinutes(5);
        foreach (var (city, route, day) in new[] { (City.ZG, "ZG-1", 0), (City.LZ, "LZ-1", 1), (City.NJ, "NJ-2", 2), (City.YB, "YB-4", 3) })
        {
            fixture.AdvanceTo(first.AddDays(day));
            var ride = await fixture.Cards.ChargeAsync(card, Ride(city, Category.Bus, RideDetails.Bus(route), Now));
            Assert.True(ride.IsAccepted, ride.Detail);
            Assert.Equal(0L, ride.Charged!.Value.Fen);
        }

        var history = (await fixture.Cards.GetHistoryAsync(card))!;
        Assert.All(history.Entries.Where(e => e.EventType == "card_charged.v1"), e => Assert.Contains(e.Fare!.Lines, l => l.Kind == FareLineKind.Pass));
        var pass = Assert.Single((await fixture.Cards.GetViewAsync(card))!.Passes!);
        Assert.Equal(first, pass.FirstUsedAt);

        // The pass counts the day of its first use as its first: 30 days end at 00:00 CST thirty days on.
        var end = new DateTimeOffset(ChinaTime.DateOf(first).AddDays(30).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        fixture.AdvanceTo(end.AddMinutes(-30));
        await fixture.Cluster.Client.GetGrain<IPassClearingGrain>(IPassClearingGrain.Key).ApportionDue("RG:early");
        Assert.DoesNotContain((await fixture.Cards.GetHistoryAsync(card))!.Entries, e => e.EventType == "passes_apportioned.v1");

        fixture.AdvanceTo(end.AddHours(10));
        var run = await fixture.Cluster.Client.GetGrain<IPassClearingGrain>(IPassClearingGrain.Key).ApportionDue("RG:run-1");
        Assert.True(run.Apportioned >= 1, $"{run}");
        var again = await fixture.Cluster.Client.GetGrain<IPassClearingGrain>(IPassClearingGrain.Key).ApportionDue("RG:run-1");
        Assert.Equal(run.Apportioned, again.Apportioned);
        var apportioned = Assert.Single((await fixture.Cards.GetHistoryAsync(card))!.Entries, e => e.EventType == "passes_apportioned.v1");
        Assert.Equal("RG:run-1", apportioned.OperationId);

        var window = ChinaTime.DateOf(end.AddHours(10));
        var reports = new Dictionary<DateOnly, SettlementReport>();
        await fixture.Clearing.CatchUpAsync();
        foreach (var open in (await fixture.Clearing.GetProjectionStatusAsync()).UnsettledWindows
                     .Where(w => w.Status == WindowStatus.Open && w.Window <= window).OrderBy(w => w.Window).ToList())
        {
            reports[open.Window] = await days.CloseAsync(open.Window);
        }

        var postings = await fixture.PostingsOfAsync("RG:run-1");
        Assert.NotEmpty(postings);
        Assert.All(postings, p => Assert.Equal(window, p.Window));
        Assert.Equal(0, postings.Sum(p => p.Amount));
        Assert.Equal(150_00, postings.Where(p => p.City == "ZG" && p.Account == "2040").Sum(p => p.Amount));
        var toYibin = -postings.Where(p => p.City == "YB" && p.Account == "2110.YB-Bus").Sum(p => p.Amount);
        Assert.True(toYibin > 0, "Yibin's bus operator earns a share");

        var report = reports[window];
        var flow = Assert.Single(report.Bilateral, b => b.Payer == City.ZG && b.Payee == City.YB && b.Flow == "Pass:Bus");
        Assert.Equal(toYibin, flow.Amount.Fen);
        Assert.Contains(report.Bilateral, b => b.Payer == City.ZG && b.Payee == City.LZ && b.Flow == "Pass:Bus");
        Assert.Contains(report.Bilateral, b => b.Payer == City.ZG && b.Payee == City.NJ && b.Flow == "Pass:Bus");
        Assert.Equal(0, report.Positions.Sum(p => p.Net.Fen));

        foreach (var city in Cities.All)
        {
            var balance = await fixture.Clearing.GetTrialBalanceAsync(city);
            Assert.True(balance.IsBalanced, $"{city}: {balance.TotalDebits} vs {balance.TotalCredits}");
        }

        var zg = await fixture.Clearing.GetTrialBalanceAsync(City.ZG);
        Assert.All(zg.Lines.Where(l => l.Code == "2040"), l => Assert.Equal(l.Debits, l.Credits));
    }

    [Fact]
    public async Task A_pass_refunded_gives_back_its_days_left_less_the_fee_once()
    {
        await new ClearingDays(fixture).FreshDayAsync();
        // Other issuers than Zigong's in the other tests, so the Zigong ledger's pass money is the first test's alone.
        var card = await FundedCard(City.LZ, 100_00);
        var month = ChinaTime.DateOf(Now);
        var sold = await Card(card).SellPass(new SellPassRequest("LZ:monthly-1", City.LZ, "lz-monthly", month));
        Assert.True(sold.IsAccepted, sold.Detail);

        var refund = new RefundPassRequest("LZ:refund-1", "LZ:monthly-1");
        var refunded = await Card(card).RefundPass(refund);
        var replayed = await Card(card).RefundPass(refund);
        var twice = await Card(card).RefundPass(new RefundPassRequest("LZ:refund-2", "LZ:monthly-1"));
        var unknown = await Card(card).RefundPass(new RefundPassRequest("LZ:refund-3", "LZ:no-such-pass"));

        Assert.True(refunded.IsAccepted, refunded.Detail);
        var pass = Assert.Single((await fixture.Cards.GetViewAsync(card))!.Passes!);
        Assert.True(pass.Refunded.IsPositive && pass.Refunded < pass.Price, $"{pass.Refunded} of {pass.Price}");
        Assert.Equal(sold.Balance + pass.Refunded, refunded.Balance);
        Assert.Equal(refunded with { IsReplay = true }, replayed);
        Assert.Equal((RejectionCode.PassAlreadyRefunded, RejectionCode.UnknownPass), (twice.Rejection, unknown.Rejection));
        Assert.Equal(refunded.Balance, (await fixture.Cards.GetViewAsync(card))!.Balance);
    }

    [Fact]
    public async Task A_replacement_card_carries_the_pass_and_rides_on_it()
    {
        await new ClearingDays(fixture).FreshDayAsync();
        var card = await FundedCard(City.NJ, 200_00);
        Assert.True((await Card(card).SellPass(new SellPassRequest("NJ:regional-2", null, "regional-bus-30", null))).IsAccepted);
        Assert.Equal(0L, (await fixture.Cards.ChargeAsync(card, Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), Now))).Charged!.Value.Fen);

        var replacement = CardClusterFixture.NewCard(City.NJ);
        var replaced = await fixture.Cards.ReplaceAsync(card, new ReplaceCardRequest(NewOp("replace"), CardNumber.Parse(replacement)));
        Assert.True(replaced.IsAccepted, replaced.Detail);

        var view = (await fixture.Cards.GetViewAsync(replacement))!;
        var carried = Assert.Single(view.Passes!);
        Assert.Equal(("NJ:regional-2", CardStatus.Active), (carried.PassId, view.Status));
        Assert.NotNull(carried.FirstUsedAt);
        Assert.Null((await fixture.Cards.GetViewAsync(card))!.Passes);
        var ride = await fixture.Cards.ChargeAsync(replacement, Ride(City.YB, Category.Bus, RideDetails.Bus("YB-4"), Now));
        Assert.Equal(0L, ride.Charged!.Value.Fen);
    }

    private async Task<string> FundedCard(City city, long fen)
    {
        var card = CardClusterFixture.NewCard(city);
        Assert.True((await fixture.Cards.IssueAsync(card, Issue(card))).IsAccepted);
        Assert.True((await fixture.Cards.TopUpAsync(card, TopUp(fen, city))).IsAccepted);
        return card;
    }
}
