using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Fares;

/// <summary>
/// Luzhou's policy changes at 00:00 CST on 2026-11-20 (policies/lz.json: urban bus 2.00 → 2.50, trunk 3.00 → 3.50).
/// Taps on both sides of that midnight, uploaded days later and in the wrong order, are each priced by the version in
/// force at their own time; the correction the late one causes is an explicit fare_adjusted event.
/// </summary>
[Collection(CardClusterCollection.Name)]
public sealed class PolicyChangeAtMidnightTests(CardClusterFixture fixture)
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 20, 0, 0, 0, ChinaTime.Offset);

    [Fact]
    public async Task Taps_either_side_of_midnight_uploaded_late_are_priced_by_their_own_version()
    {
        var card = await fixture.IssuedCard(City.YB, 2_000, issuedAt: Midnight.AddDays(-1));
        var before = Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), Midnight.AddMinutes(-10));
        var after = Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), Midnight.AddMinutes(10));

        var first = await fixture.Cards.ChargeAsync(card, after);
        var second = await fixture.Cards.ChargeAsync(card, before);

        Assert.Equal((250L, 200L), (first.Charged!.Value.Fen, second.Charged!.Value.Fen));
        var history = (await fixture.Cards.GetHistoryAsync(card))!;
        Assert.Equal(["LZ@2026-11-20", "LZ@2026-01-01"], history.Entries.Where(e => e.EventType == "card_charged.v1").Select(e => e.Fare!.Policy));
        Assert.Equal(2_000 - 450, history.State.Balance.Fen);
    }

    [Fact]
    public async Task A_transfer_across_midnight_is_priced_by_the_second_rides_version_and_found_even_when_the_first_arrives_last()
    {
        var card = await fixture.IssuedCard(City.NJ, 2_000, issuedAt: Midnight.AddDays(-1));
        var lastBusOfTheDay = Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), Midnight.AddMinutes(-20));
        var nightTrunk = Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-K2"), Midnight.AddMinutes(20));

        var trunk = await fixture.Cards.ChargeAsync(card, nightTrunk);
        var late = await fixture.Cards.ChargeAsync(card, lastBusOfTheDay);

        // The trunk ride alone: 3.50 (new version). With the earlier ride known: 3.50 − 1.50 transfer (new version's rule).
        Assert.Equal((350L, 200L), (trunk.Charged!.Value.Fen, late.Charged!.Value.Fen));
        Assert.Equal(2_000 - 350 - 200 + 150, late.Balance.Fen);
        var history = (await fixture.Cards.GetHistoryAsync(card))!;
        var adjusted = history.Entries[^1];
        Assert.Equal(("fare_adjusted.v1", 150L, nightTrunk.TappedAt), (adjusted.EventType, adjusted.Amount.Fen, adjusted.BusinessTime));
        Assert.Equal(("LZ@2026-11-20", 200L, true), (adjusted.Fare!.Policy, adjusted.Fare.Charged.Fen, adjusted.Fare.IsTransfer));
        Assert.Equal(late.Version, await fixture.StreamVersionAsync(card));

        await fixture.Cluster.DeactivateAsync(fixture.Grain(card));
        var retried = await fixture.Cards.ChargeAsync(card, lastBusOfTheDay);
        Assert.Equal(late with { IsReplay = true }, retried);
        Assert.Equal(late.Balance, (await fixture.Cards.GetViewAsync(card))!.Balance);
    }
}
