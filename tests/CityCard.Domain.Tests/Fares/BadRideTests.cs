using CityCard.Contracts;
using CityCard.Domain.Cards;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>A tap that cannot be priced is rejected by name and records nothing: no charge, no refusal.</summary>
public sealed class BadRideTests
{
    public static TheoryData<string, ChargeRequest, RejectionCode> Rows => new()
    {
        { "unknown bus route", Bus(City.LZ, "LZ-99", At("10:00")), RejectionCode.UnknownRoute },
        { "another city's route", Bus(City.LZ, "ZG-1", At("10:00")), RejectionCode.UnknownRoute },
        { "unknown coach station", Coach(City.ZG, "ZG-CS", "XX-CS", At("10:00")), RejectionCode.UnknownStation },
        { "coach stations with no fare between them", Coach(City.ZG, "LZ-CS", "YB-CS", At("10:00")), RejectionCode.NoFareForTrip },
        { "unknown rail station", Rail(City.YB, "YB-GT", "YB-NOWHERE", At("10:00")), RejectionCode.UnknownStation },
        { "rail in a city without rail", Rail(City.ZG, "ZG-A", "ZG-B", At("10:00")), RejectionCode.ModeNotOffered },
        { "bike in a city without bikes", Bike(City.NJ, At("10:00"), 30), RejectionCode.ModeNotOffered },
        { "a mode that does not exist", Ride(City.ZG, (Category)42, RideDetails.Bus("ZG-1"), At("10:00")), RejectionCode.UnknownCategory },
        { "a bus without its route", Ride(City.ZG, Category.Bus, new RideDetails(null, "A", "B", null), At("10:00")), RejectionCode.InvalidRide },
        { "a bike never returned", Ride(City.ZG, Category.Bike, new RideDetails(null, null, null, null), At("10:00")), RejectionCode.InvalidRide },
        { "a ride ending before it starts", Ride(City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-DJ", At("09:00")), At("10:00")), RejectionCode.InvalidRide },
        { "a ride longer than a day", Ride(City.ZG, Category.Bike, RideDetails.Bike(At("10:00").AddHours(25)), At("10:00")), RejectionCode.InvalidRide },
        { "a coach to the station it left", Coach(City.ZG, "ZG-CS", "ZG-CS", At("10:00")), RejectionCode.InvalidRide },
        { "a malformed station id", Coach(City.ZG, "ZG CS", "YB-CS", At("10:00")), RejectionCode.InvalidRide },
        { "a transit tap without a ride", ChargeRequest.ForPurchase("no-ride", Money.FromFen(200), City.ZG, "ZG-BUS", Category.Bus, "T1", 1, At("10:00")), RejectionCode.RideMissing },
        { "a transit tap naming an amount", Bus(City.ZG, "ZG-1", At("10:00")) with { Amount = Money.FromFen(200) }, RejectionCode.FareAmountNotExpected },
        { "a purchase naming a ride", Purchase(City.ZG, Category.Retail, 200, At("10:00")) with { Ride = RideDetails.Bus("ZG-1") }, RejectionCode.RideNotExpected },
        { "a tap an hour in the future", Bus(City.ZG, "ZG-1", Now.AddHours(1)), RejectionCode.TapTimeInFuture },
        { "a tap two years old", Bus(City.ZG, "ZG-1", Now.AddYears(-2)), RejectionCode.TapTooOld },
        { "a bike returned in the future", Ride(City.ZG, Category.Bike, RideDetails.Bike(Now.AddHours(2)), Now.AddMinutes(-10)), RejectionCode.TapTimeInFuture },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_tap_that_cannot_be_priced_is_rejected_by_name_and_nothing_is_recorded(string name, ChargeRequest tap, RejectionCode expected)
    {
        _ = name;
        var decision = Decide(Card(City.ZG), tap);

        Assert.Equal(expected, Assert.IsType<CardDecision.Reject>(decision).Code);
    }

    [Fact]
    public void A_tap_before_any_policy_version_is_rejected_as_NoPolicyInForce()
    {
        var card = Card(City.ZG);
        var tap = Bus(City.ZG, "ZG-1", new DateTimeOffset(2025, 12, 31, 23, 59, 0, ChinaTime.Offset));

        var decision = CardDecider.Decide(card, tap, new DateTimeOffset(2026, 1, 2, 0, 0, 0, ChinaTime.Offset), Policies.RepoPolicies.Set);

        Assert.Equal(RejectionCode.NoPolicyInForce, Assert.IsType<CardDecision.Reject>(decision).Code);
    }
}
