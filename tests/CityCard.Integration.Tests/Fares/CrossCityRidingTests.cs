using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Fares;

/// <summary>
/// Cards of every city ride the buses of every city, through the real cluster and PostgreSQL: the fare is always the
/// riding city's (policies/*.json), recorded with its breakdown in the stream.
/// </summary>
[Collection(CardClusterCollection.Name)]
public sealed class CrossCityRidingTests(CardClusterFixture fixture)
{
    /// <summary>An urban route of each city and its fare on 2026-11-26 (Luzhou raised its fares on 2026-11-20).</summary>
    private static readonly Dictionary<City, (string Route, long Fen, string Policy)> UrbanBus = new()
    {
        [City.ZG] = ("ZG-1", 200, "ZG@2026-01-01"),
        [City.LZ] = ("LZ-1", 250, "LZ@2026-11-20"),
        [City.NJ] = ("NJ-2", 150, "NJ@2026-01-01"),
        [City.YB] = ("YB-1", 200, "YB@2026-01-01"),
    };

    public static TheoryData<City, City> Pairs()
    {
        var data = new TheoryData<City, City>();
        foreach (var issuer in Cities.All)
        {
            foreach (var rider in Cities.All)
            {
                data.Add(issuer, rider);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_card_of_one_city_pays_the_bus_fare_of_the_city_it_rides_in(City issuer, City ridingIn)
    {
        var card = await fixture.IssuedCard(issuer, 1_000);
        var (route, fen, policy) = UrbanBus[ridingIn];

        var result = await fixture.Cards.ChargeAsync(card, Ride(ridingIn, Category.Bus, RideDetails.Bus(route), fixture.Clock.GetUtcNow().AddMinutes(-5)));

        Assert.Equal((OperationStatus.Accepted, fen, 1_000 - fen), (result.Status, result.Charged!.Value.Fen, result.Balance.Fen));
        var entry = (await fixture.Cards.GetHistoryAsync(card))!.Entries[^1];
        Assert.Equal(("card_charged.v1", policy, fen), (entry.EventType, entry.Fare!.Policy, entry.Fare.Base.Fen));
    }

    [Fact]
    public async Task A_student_concession_is_local_a_Luzhou_student_pays_half_at_home_and_full_fare_in_Yibin()
    {
        var at = fixture.Clock.GetUtcNow().AddHours(-3);
        var card = await fixture.IssuedCard(City.LZ, 1_000, ProductCode.Student, issuedAt: at.AddHours(-1));

        var home = await fixture.Cards.ChargeAsync(card, Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-K2"), at));
        var away = await fixture.Cards.ChargeAsync(card, Ride(City.YB, Category.Bus, RideDetails.Bus("YB-K3"), at.AddHours(2)));

        Assert.Equal((175L, 300L), (home.Charged!.Value.Fen, away.Charged!.Value.Fen));
    }

    [Fact]
    public async Task A_day_across_three_cities_gets_a_transfer_discount_and_reaches_Yibins_daily_cap()
    {
        var day = ChinaTime.DateOf(fixture.Clock.GetUtcNow()).AddDays(-1);
        var card = await fixture.IssuedCard(City.ZG, 10_000, issuedAt: new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset));
        DateTimeOffset At(int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), ChinaTime.Offset);
        var taps = new[]
        {
            Ride(City.ZG, Category.Bus, RideDetails.Bus("ZG-1"), At(7, 30)),
            Ride(City.ZG, Category.Bus, RideDetails.Bus("ZG-35"), At(7, 50)),
            Ride(City.ZG, Category.Coach, RideDetails.Coach("ZG-CS", "YB-CS"), At(8, 40)),
            Ride(City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-XZ", At(11, 25)), At(11, 0)),
            Ride(City.YB, Category.Rail, RideDetails.Rail("YB-XZ", "YB-GT", At(13, 25)), At(13, 0)),
            Ride(City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-XZ", At(15, 25)), At(15, 0)),
        };

        var charged = new List<long>();
        foreach (var tap in taps)
        {
            charged.Add((await fixture.Cards.ChargeAsync(card, tap)).Charged!.Value.Fen);
        }

        // 2.00; 3.00 − 2.00 transfer; 28.00 coach; then Yibin rail 5.00, 5.00 and the last 2.00 before its 12.00 cap.
        Assert.Equal([200L, 100, 2_800, 500, 500, 200], charged);
        var last = (await fixture.Cards.GetHistoryAsync(card))!.Entries[^1].Fare!;
        Assert.Equal(("YB@2026-01-01", "caps.daily", 300L), (last.Lines[^1].Policy, last.Lines[^1].Rule, last.CapReduction.Fen));
    }
}
