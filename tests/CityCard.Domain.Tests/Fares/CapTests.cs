using CityCard.Contracts;
using CityCard.Domain.Cards;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>Daily, 7-day, regional and bike caps, each reached by hand-countable rides.</summary>
public sealed class CapTests
{
    [Fact]
    public void Zigongs_daily_cap_of_10_yuan_cuts_the_fourth_3_yuan_ride_to_1_yuan_and_the_fifth_to_nothing()
    {
        var rides = Enumerable.Range(0, 5).Select(i => Bus(City.ZG, "ZG-35", At("10:00").AddHours(i))).ToList();

        var charges = Run(Card(City.ZG), rides).Events.OfType<CardCharged>().ToList();

        Assert.Equal([300L, 300, 300, 100, 0], charges.Select(c => c.Amount.Fen));
        var cap = charges[3].Fare!.Lines.Single(l => l.Kind == FareLineKind.Cap);
        Assert.Equal((-200L, "ZG@2026-01-01", "caps.daily"), (cap.Amount.Fen, cap.Policy, cap.Rule));
        Assert.Equal(300, charges[4].Fare!.CapReduction.Fen);
    }

    [Fact]
    public void Yibins_daily_cap_of_12_yuan_covers_rail_and_bus_together()
    {
        var rides = new[]
        {
            Rail(City.YB, "YB-GT", "YB-XZ", At("10:00")), Rail(City.YB, "YB-XZ", "YB-GT", At("12:00")), Bus(City.YB, "YB-K3", At("14:00")),
        };

        Assert.Equal([500L, 500, 200], Run(Card(City.YB), rides).Events.OfType<CardCharged>().Select(c => c.Amount.Fen));
    }

    [Fact]
    public void The_7_day_cap_stops_charges_on_the_sixth_capped_day_and_frees_up_as_the_window_moves_on()
    {
        // ZG: 10.00 a day is the daily cap, 50.00 over 7 days the 7-day cap: five capped days fill it.
        var start = new DateOnly(2026, 11, 16);
        var days = Enumerable.Range(0, 8).Select(d => start.AddDays(d)).ToList();
        var rides = days.SelectMany(day => Enumerable.Range(0, 4).Select(i => Bus(City.ZG, "ZG-35", At("10:00", day).AddHours(i)))).ToList();

        var charges = Run(Card(City.ZG), rides).Events.OfType<CardCharged>().ToList();

        var perDay = charges.GroupBy(c => ChinaTime.DateOf(c.Tap.TappedAt)).Select(g => g.Sum(c => c.Amount.Fen)).ToList();
        Assert.Equal([1000L, 1000, 1000, 1000, 1000, 0, 0, 1000], perDay);
        Assert.Equal("caps.sevenDay", charges.First(c => ChinaTime.DateOf(c.Tap.TappedAt) == days[5]).Fare!.Lines.Single(l => l.Kind == FareLineKind.Cap).Rule);
    }

    [Fact]
    public void The_regional_cap_of_20_yuan_counts_every_city_of_the_day()
    {
        var rides = new[]
        {
            Bus(City.ZG, "ZG-35", At("07:00")), Bus(City.ZG, "ZG-35", At("08:00")), Bus(City.ZG, "ZG-35", At("09:00")), Bus(City.ZG, "ZG-35", At("10:00")),
            Rail(City.YB, "YB-GT", "YB-XZ", At("12:00")), Rail(City.YB, "YB-XZ", "YB-GT", At("13:00")),
            Bus(City.NJ, "NJ-2", At("18:00")),
        };

        var charges = Run(Card(City.LZ), rides).Events.OfType<CardCharged>().ToList();

        Assert.Equal([300L, 300, 300, 100, 500, 500, 0], charges.Select(c => c.Amount.Fen));
        var cap = charges[6].Fare!.Lines.Single(l => l.Kind == FareLineKind.Cap);
        Assert.Equal(("region@2026-01-01", "dailyCap"), (cap.Policy, cap.Rule));
    }

    [Fact]
    public void Coach_fares_are_not_capped_and_do_not_count_toward_caps()
    {
        var rides = new[] { Coach(City.ZG, "ZG-CS", "LZ-CS", At("07:00")), Coach(City.LZ, "LZ-CS", "ZG-CS", At("18:00")), Bus(City.ZG, "ZG-35", At("21:00")) };

        var charges = Run(Card(City.ZG), rides).Events.OfType<CardCharged>().ToList();

        Assert.Equal([3000L, 3000, 300], charges.Select(c => c.Amount.Fen));
        Assert.False(charges[0].Fare!.CountsTowardCaps);
    }

    [Fact]
    public void Yibins_bike_ceiling_of_3_yuan_a_day_stops_bike_charges_but_not_other_modes()
    {
        // 4 h: 180 min after the free hour, 6 half hours at 0.50 = 3.00; then a 2 h ride (2 × 0.50) is over the ceiling.
        var rides = new[] { Bike(City.YB, At("08:00"), 240), Bike(City.YB, At("13:00"), 120), Bus(City.YB, "YB-1", At("16:00")) };

        var charges = Run(Card(City.YB), rides).Events.OfType<CardCharged>().ToList();

        Assert.Equal([300L, 0, 200], charges.Select(c => c.Amount.Fen));
        Assert.Equal("bike.dailyCeiling", charges[1].Fare!.Lines.Single(l => l.Kind == FareLineKind.Cap).Rule);
    }

    [Fact]
    public void Purchases_are_never_capped()
    {
        var taps = Enumerable.Range(0, 3).Select(i => Purchase(City.ZG, Category.Retail, 900, At("10:00").AddHours(i))).ToList();

        Assert.All(Run(Card(City.ZG), taps).Events.OfType<CardCharged>(), c => Assert.Equal(900, c.Amount.Fen));
    }
}
