using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Fares;

/// <summary>Taps that cannot be priced are refused by name through the cluster, and the card's stream does not move.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class BadRideTests(CardClusterFixture fixture)
{
    public static TheoryData<string, RejectionCode> Cases => new()
    {
        { "unknown station", RejectionCode.UnknownStation },
        { "unknown route", RejectionCode.UnknownRoute },
        { "mode the city does not run", RejectionCode.ModeNotOffered },
        { "mode that does not exist", RejectionCode.UnknownCategory },
        { "tap an hour in the future", RejectionCode.TapTimeInFuture },
        { "tap two years ago", RejectionCode.TapTooOld },
        { "transit tap with an amount", RejectionCode.FareAmountNotExpected },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_unpriceable_tap_is_rejected_by_name_and_nothing_is_charged(string what, RejectionCode expected)
    {
        var card = await fixture.IssuedCard(City.YB, 1_000);
        var now = fixture.Clock.GetUtcNow();
        var tap = what switch
        {
            "unknown station" => Ride(City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-MOON"), now),
            "unknown route" => Ride(City.ZG, Category.Bus, RideDetails.Bus("ZG-404"), now),
            "mode the city does not run" => Ride(City.NJ, Category.Rail, RideDetails.Rail("NJ-A", "NJ-B"), now),
            "mode that does not exist" => Ride(City.YB, (Category)99, RideDetails.Bus("YB-1"), now),
            "tap an hour in the future" => Ride(City.YB, Category.Bus, RideDetails.Bus("YB-1"), now.AddHours(1)),
            "tap two years ago" => Ride(City.YB, Category.Bus, RideDetails.Bus("YB-1"), now.AddYears(-2)),
            _ => Ride(City.YB, Category.Bus, RideDetails.Bus("YB-1"), now) with { Amount = Money.FromFen(200) },
        };

        var result = await fixture.Cards.ChargeAsync(card, tap);

        Assert.Equal((OperationStatus.Rejected, expected), (result.Status, result.Rejection));
        Assert.Equal(2, await fixture.StreamVersionAsync(card));
        Assert.Equal(1_000, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
    }
}
