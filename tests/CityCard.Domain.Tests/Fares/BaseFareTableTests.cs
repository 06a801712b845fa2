using CityCard.Contracts;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>
/// Base fares for each city and mode, a standard local card, off peak, first ride of the day: each row can be checked
/// by hand against policies/&lt;city&gt;.json (fen; 200 = 2.00 yuan). The day is 2026-11-25, so Luzhou is on its
/// 2026-11-20 version; the rows dated 2026-11-10 are on its first.
/// </summary>
public sealed class BaseFareTableTests
{
    public static TheoryData<string, City, Category, RideDetails, long, string> Rows => new()
    {
        // name, city, mode, ride (starting 10:00), expected fen, expected rule
        { "ZG urban bus", City.ZG, Category.Bus, RideDetails.Bus("ZG-1"), 200, "bus.routeClasses.urban (route ZG-1)" },
        { "ZG suburban bus", City.ZG, Category.Bus, RideDetails.Bus("ZG-35"), 300, "bus.routeClasses.suburban (route ZG-35)" },
        { "ZG coach to Yibin", City.ZG, Category.Coach, RideDetails.Coach("ZG-CS", "YB-CS"), 2800, "coach.fares.ZG-CS/YB-CS" },
        { "ZG coach from Yibin, same fare both ways", City.ZG, Category.Coach, RideDetails.Coach("YB-CS", "ZG-CS"), 2800, "coach.fares.YB-CS/ZG-CS" },
        { "ZG coach to Fushun", City.ZG, Category.Coach, RideDetails.Coach("ZG-CS", "ZG-FS"), 1200, "coach.fares.ZG-CS/ZG-FS" },
        { "ZG bike within the free hour", City.ZG, Category.Bike, RideDetails.Bike(At("10:45")), 0, "bike.periodFare (45 min: 0 period(s) after 60 free)" },
        { "ZG bike 61 min: one started hour", City.ZG, Category.Bike, RideDetails.Bike(At("11:01")), 100, "bike.periodFare (61 min: 1 period(s) after 60 free)" },
        { "ZG bike 125 min: two started hours", City.ZG, Category.Bike, RideDetails.Bike(At("12:05")), 200, "bike.periodFare (125 min: 2 period(s) after 60 free)" },
        { "LZ urban bus after the 2026-11-20 rise", City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), 250, "bus.routeClasses.urban (route LZ-1)" },
        { "LZ trunk bus after the 2026-11-20 rise", City.LZ, Category.Bus, RideDetails.Bus("LZ-K2"), 350, "bus.routeClasses.trunk (route LZ-K2)" },
        { "LZ coach to Neijiang", City.LZ, Category.Coach, RideDetails.Coach("LZ-CS", "NJ-CS"), 3200, "coach.fares.LZ-CS/NJ-CS" },
        { "LZ bike 31 min: one started half hour", City.LZ, Category.Bike, RideDetails.Bike(At("10:31")), 100, "bike.periodFare (31 min: 1 period(s) after 30 free)" },
        { "LZ bike 61 min: two started half hours", City.LZ, Category.Bike, RideDetails.Bike(At("11:01")), 200, "bike.periodFare (61 min: 2 period(s) after 30 free)" },
        { "NJ urban bus", City.NJ, Category.Bus, RideDetails.Bus("NJ-2"), 150, "bus.routeClasses.urban (route NJ-2)" },
        { "NJ rural bus", City.NJ, Category.Bus, RideDetails.Bus("NJ-R1"), 250, "bus.routeClasses.rural (route NJ-R1)" },
        { "NJ coach to Yibin", City.NJ, Category.Coach, RideDetails.Coach("NJ-CS", "YB-CS"), 3000, "coach.fares.NJ-CS/YB-CS" },
        { "YB urban bus", City.YB, Category.Bus, RideDetails.Bus("YB-1"), 200, "bus.routeClasses.urban (route YB-1)" },
        { "YB trunk bus", City.YB, Category.Bus, RideDetails.Bus("YB-K3"), 300, "bus.routeClasses.trunk (route YB-K3)" },
        { "YB coach to Nanxi", City.YB, Category.Coach, RideDetails.Coach("YB-CS", "YB-NX"), 1000, "coach.fares.YB-CS/YB-NX" },
        { "YB rail T1 2.4 km", City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-DJ"), 200, "rail.bands.upTo4000m (2400 m)" },
        { "YB rail T1 8.3 km", City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-LY"), 400, "rail.bands.upTo14000m (8300 m)" },
        { "YB rail T1 end to end 16 km", City.YB, Category.Rail, RideDetails.Rail("YB-XZ", "YB-GT"), 500, "rail.bands.upTo30000m (16000 m)" },
        { "YB rail T2 3.4 km", City.YB, Category.Rail, RideDetails.Rail("YB-SQ", "YB-JA"), 200, "rail.bands.upTo4000m (3400 m)" },
        { "YB rail T2 to T1 via YB-SQ, 3.6 + 5.2 km", City.YB, Category.Rail, RideDetails.Rail("YB-ZY", "YB-GT"), 400, "rail.bands.upTo14000m (8800 m)" },
        { "YB rail T2 to T1 via YB-SQ, 6.9 + 10.8 km", City.YB, Category.Rail, RideDetails.Rail("YB-BX", "YB-XZ"), 500, "rail.bands.upTo30000m (17700 m)" },
        { "YB rail in and out at the same station", City.YB, Category.Rail, RideDetails.Rail("YB-DJ", "YB-DJ"), 200, "rail.bands.upTo4000m (0 m)" },
        { "YB bike 90 min: one started half hour", City.YB, Category.Bike, RideDetails.Bike(At("11:30")), 50, "bike.periodFare (90 min: 1 period(s) after 60 free)" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_rides_base_fare_is_the_one_in_its_citys_policy_file(string name, City city, Category mode, RideDetails ride, long expectedFen, string expectedRule)
    {
        _ = name;
        var charged = Charged(Card(city), Ride(city, mode, ride, At("10:00")));

        Assert.Equal(expectedFen, charged.Amount.Fen);
        var fare = charged.Fare!;
        Assert.Equal(expectedFen, fare.Base.Fen);
        Assert.Equal($"{city}@{(city == City.LZ ? "2026-11-20" : "2026-01-01")}", fare.Policy);
        var line = Assert.Single(fare.Lines);
        Assert.Equal((FareLineKind.Base, expectedRule), (line.Kind, line.Rule));
    }

    [Theory]
    [InlineData("LZ-1", 200, 250)]
    [InlineData("LZ-K5", 300, 350)]
    public void Luzhou_bus_fares_follow_the_version_in_force_on_the_day_of_the_ride(string route, long beforeFen, long afterFen)
    {
        var before = Charged(Card(City.LZ), Bus(City.LZ, route, At("23:59", new DateOnly(2026, 11, 19))));
        var after = Charged(Card(City.LZ), Bus(City.LZ, route, At("00:00", new DateOnly(2026, 11, 20))));

        Assert.Equal((beforeFen, "LZ@2026-01-01"), (before.Amount.Fen, before.Fare!.Policy));
        Assert.Equal((afterFen, "LZ@2026-11-20"), (after.Amount.Fen, after.Fare!.Policy));
    }

    [Fact]
    public void A_purchase_takes_the_merchants_amount_as_it_is()
    {
        foreach (var category in new[] { Category.Retail, Category.Hotel, Category.Parking, Category.Health, Category.ScenicSite, Category.Park, Category.Library, Category.Cinema })
        {
            var charged = Charged(Card(City.ZG), Purchase(City.LZ, category, 12_345, At("10:00")));
            Assert.Equal(12_345, charged.Amount.Fen);
            Assert.Equal((12_345L, 0L, false), (charged.Fare!.Base.Fen, charged.Fare.Concession.Fen, charged.Fare.CountsTowardCaps));
        }
    }
}
