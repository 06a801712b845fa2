using CityCard.Contracts;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Fares;

/// <summary>The rides a card remembers for its caps survive a snapshot and a fresh activation.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class RidesInSnapshotTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task A_card_reloaded_from_a_snapshot_still_knows_todays_rides_and_caps_the_next_one()
    {
        var now = fixture.Clock.GetUtcNow();
        var card = await fixture.IssuedCard(City.YB, 50_000, issuedAt: now.AddHours(-4));
        await fixture.Cards.ChargeAsync(card, Ride(City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-XZ", now.AddHours(-3).AddMinutes(25)), now.AddHours(-3)));
        await fixture.Cards.ChargeAsync(card, Ride(City.YB, Category.Rail, RideDetails.Rail("YB-XZ", "YB-GT", now.AddHours(-2).AddMinutes(25)), now.AddHours(-2)));
        for (var i = 0; i < 96; i++)
        {
            await fixture.Cards.ChargeAsync(card, Charge(1, now, City.YB));
        }

        await fixture.Cluster.DeactivateAsync(fixture.Grain(card));
        var third = await fixture.Cards.ChargeAsync(card, Ride(City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-XZ", now.AddMinutes(-35)), now.AddHours(-1)));

        // Yibin's daily cap is 12.00: 5.00 + 5.00 remembered through the snapshot leave 2.00 for the third ride.
        Assert.Equal(200, third.Charged!.Value.Fen);
        await using var session = fixture.Store.QuerySession();
        var snapshot = (await session.LoadAsync<CardSnapshot>(card))!;
        Assert.Equal((100L, 2), (snapshot.Version, snapshot.State.Rides.Rides.Count));
    }
}
