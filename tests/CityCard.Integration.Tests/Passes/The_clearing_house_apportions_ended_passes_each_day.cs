using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Passes;

/// <summary>
/// Nobody has to remember the apportionment (decision 0063): the first time the clearing house runs on a business
/// day it asks every pass holder to apportion what has ended, under a run id naming the day, so a pass whose period
/// ended overnight is apportioned in the new day's window, once, however often the clearing house runs that day.
/// </summary>
public sealed class The_clearing_house_apportions_ended_passes_each_day(DailyPassClearingFixture fixture) : IClassFixture<DailyPassClearingFixture>
{
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task A_pass_that_ended_overnight_is_apportioned_by_the_first_run_of_the_next_day_and_only_once()
    {
        var card = CardClusterFixture.NewCard(City.ZG);
        Assert.True((await fixture.Cards.IssueAsync(card, Issue(card))).IsAccepted);
        Assert.True((await fixture.Cards.TopUpAsync(card, TopUp(200_00, City.ZG))).IsAccepted);
        var sold = await fixture.Cluster.Client.GetGrain<ICardGrain>(card).SellPass(new SellPassRequest("ZG:daily-run-pass", null, "regional-bus-30", null));
        Assert.True(sold.IsAccepted, sold.Detail);
        fixture.AdvanceTo(Now.AddMinutes(5));
        var ride = await fixture.Cards.ChargeAsync(card, Ride(City.YB, Category.Bus, RideDetails.Bus("YB-4"), Now));
        Assert.True(ride.IsAccepted, ride.Detail);
        await fixture.Clearing.CatchUpAsync();

        // Thirty days from the day of first use, then into the next business day: its first run apportions the pass.
        var end = new DateTimeOffset(ChinaTime.DateOf(Now).AddDays(30).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        fixture.AdvanceTo(end.AddHours(1));
        await fixture.Clearing.CatchUpAsync();
        // The run is named by the day it started; the sale day's run, started but not awaited, may still be asking
        // cards when the clock has moved on, and then it is that run which apportions: either way, one daily run.
        var apportioned = await EventuallyAsync(card, "passes_apportioned.v1");
        Assert.StartsWith("RG:passes-", apportioned.OperationId, StringComparison.Ordinal);
        var runId = apportioned.OperationId!;

        // The same day again: the run is not repeated, and nothing is apportioned twice.
        await fixture.Clearing.CatchUpAsync();
        Assert.Single((await fixture.Cards.GetHistoryAsync(card))!.Entries, e => e.EventType == "passes_apportioned.v1");
        await fixture.Clearing.CatchUpAsync();
        var postings = await fixture.PostingsOfAsync(runId);
        Assert.NotEmpty(postings);
        Assert.Equal(0, postings.Sum(p => p.Amount));
        Assert.All(postings, p => Assert.Equal(ChinaTime.DateOf(Now), p.Window));
    }

    /// <summary>The run is started, not awaited, by the clearing house: wait (bounded) for its event on the card.</summary>
    private async Task<CardHistoryEntry> EventuallyAsync(string card, string eventType)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var entry = (await fixture.Cards.GetHistoryAsync(card))!.Entries.FirstOrDefault(e => e.EventType == eventType);
            if (entry is not null)
            {
                return entry;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {eventType} on {card} within 30 s of the day's first clearing run.");
            await Task.Delay(200);
        }
    }
}
