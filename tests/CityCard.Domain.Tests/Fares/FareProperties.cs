using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Fares;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;
using CsCheck;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>
/// Properties of the fare engine over random tap histories arriving in random orders. A failure prints the seed
/// (CsCheck does) and the history, and Sample(seed: "…") replays it.
/// </summary>
public sealed class FareProperties
{
    private const int Iterations = 150;

    /// <summary>The repository's policies, and the same with caps so low that every kind of cap is reached often.</summary>
    public static TheoryData<string> PolicySets => ["repository", "tight caps"];

    [Theory]
    [MemberData(nameof(PolicySets))]
    public void No_day_ever_costs_more_than_the_daily_7_day_regional_and_bike_caps_in_force(string which)
    {
        var policies = Policies(which);
        TapHistory.Gen().Sample(history =>
        {
            var (card, events) = Run(Card(history.Issuer, history.Product), history.Arrivals, policies);
            var rides = Rides(history, events);

            foreach (var day in rides.Select(r => r.Day).Distinct())
            {
                var counted = rides.Where(r => r.Day == day && r.Fare.CountsTowardCaps).ToList();
                Assert.True(Sum(counted) <= policies.RegionAt(At("12:00", day))!.DailyCap, $"regional cap passed on {day}");
                foreach (var city in Cities.All)
                {
                    var version = policies.CityAt(city, At("12:00", day))!;
                    Assert.True(Sum(counted.Where(r => r.Tap.AcquirerCity == city)) <= version.Caps.Daily, $"{city} daily cap passed on {day}");
                    var bikes = rides.Where(r => r.Day == day && r.Tap.AcquirerCity == city && r.Tap.Category == Category.Bike);
                    Assert.True(version.Bike is null || Sum(bikes) <= version.Bike.DailyCeiling, $"{city} bike ceiling passed on {day}");
                }
            }

            for (var end = TapHistory.FirstDay; end <= TapHistory.FirstDay.AddDays(12); end = end.AddDays(1))
            {
                foreach (var city in Cities.All)
                {
                    var window = rides.Where(r => r.Tap.AcquirerCity == city && r.Fare.CountsTowardCaps && r.Day > end.AddDays(-7) && r.Day <= end);
                    Assert.True(Sum(window) <= policies.CityAt(city, At("12:00", end))!.Caps.SevenDay, $"{city} 7-day cap passed for the week ending {end}");
                }
            }

            Assert.Equal(1_000_000 - rides.Sum(r => r.Paid.Fen), card.Balance.Fen);
            Assert.All(rides, r => Assert.Equal(r.Paid, r.Fare.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount)));
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(PolicySets))]
    public void Whatever_order_the_taps_arrive_in_every_ride_ends_up_costing_what_it_would_have_had_they_arrived_in_order(string which)
    {
        var policies = Policies(which);
        TapHistory.Gen().Sample(history =>
        {
            var late = FinalFares(Run(Card(history.Issuer, history.Product), history.Arrivals, policies).Events);
            var onTime = FinalFares(Run(Card(history.Issuer, history.Product), history.InRideOrder, policies).Events);

            Assert.Equal(onTime.OrderBy(f => f.Key).Select(f => (f.Key, f.Value.Fare)), late.OrderBy(f => f.Key).Select(f => (f.Key, f.Value.Fare)));
        }, iter: Iterations);
    }

    [Fact]
    public void A_concession_applies_only_where_the_policy_gives_it_and_always_where_a_share_off_is_given()
    {
        TapHistory.Gen().Sample(history =>
        {
            var card = new FareCard(history.Issuer, ProductCode.Parse(history.Product));
            var rides = Rides(history, Run(Card(history.Issuer, history.Product), history.Arrivals).Events);

            foreach (var ride in rides)
            {
                var version = RepoPolicies.Set.CityAt(ride.Tap.AcquirerCity, ride.Tap.TappedAt)!;
                var tap = new RideTap(ride.Tap.OperationId, ride.Tap.AcquirerCity, ride.Tap.Category, ride.Tap.MerchantId, ride.Tap.Ride!, ride.Tap.TappedAt, ride.Tap.TerminalId, ride.Tap.TerminalSequence);
                var applicable = version.Concessions.Where(c => ConcessionStep.AppliesTo(c, version, card, tap)).ToList();
                if (ride.Fare.Concession.IsPositive)
                {
                    Assert.NotEmpty(applicable);
                }

                if (applicable.Any(c => c.FreeRidesPerMonth is null) && ride.Fare.Base.IsPositive)
                {
                    Assert.True(ride.Fare.Concession.IsPositive, $"{ride.Tap.OperationId} should have had a concession");
                }
            }

            foreach (var group in rides.Where(r => r.Fare.FreeRideOf is not null).GroupBy(r => (r.Tap.AcquirerCity, r.Fare.FreeRideOf, r.Day.Month)))
            {
                var perMonth = RepoPolicies.Set.CityAt(group.Key.AcquirerCity, group.First().Tap.TappedAt)!.Concessions.Single(c => c.Id == group.Key.FreeRideOf).FreeRidesPerMonth;
                Assert.True(group.Count() <= perMonth);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void A_policy_change_on_a_date_changes_no_fare_of_a_ride_before_it_whatever_order_the_taps_arrive_in()
    {
        var change = new DateOnly(2026, 11, 21);
        var gen = Gen.Select(TapHistory.Gen(), PolicyChange.Gen);
        gen.Sample((history, edit) =>
        {
            var changed = RepoPolicies.Load(edit.Apply(change));
            var before = FinalFares(Run(Card(history.Issuer, history.Product), history.Arrivals).Events);
            var after = FinalFares(Run(Card(history.Issuer, history.Product), history.Arrivals, changed).Events);

            foreach (var tap in history.Arrivals.Where(t => ChinaTime.DateOf(t.TappedAt) < change))
            {
                Assert.Equal(before[tap.OperationId].Fare, after[tap.OperationId].Fare);
                Assert.Equal(before[tap.OperationId].Breakdown.Policy, after[tap.OperationId].Breakdown.Policy);
            }
        }, iter: Iterations);
    }

    private static readonly Lazy<PolicySet> Tight = new(() => RepoPolicies.Load(RepoPolicies.Sources.Select(s => s.FileName == PolicyLoader.RegionFile
        ? s with { Text = RepoPolicies.Edit(s.Text, f => f["versions"]![0]!["dailyCap"] = 1_000) }
        : s with { Text = RepoPolicies.Edit(s.Text, TightenCaps) })));

    private static PolicySet Policies(string which) => which == "repository" ? RepoPolicies.Set : Tight.Value;

    /// <summary>Each city's daily cap just above its dearest capped ride, and a 7-day cap of two such days.</summary>
    private static void TightenCaps(System.Text.Json.Nodes.JsonObject file)
    {
        var daily = file["city"]!.GetValue<string>() switch { "ZG" => 600, "LZ" => 700, "NJ" => 400, _ => 700 };
        foreach (var version in file["versions"]!.AsArray())
        {
            version!["caps"]!["daily"] = daily;
            version["caps"]!["sevenDay"] = daily * 2;
        }
    }

    private static Money Sum(IEnumerable<FinalRide> rides) => rides.Aggregate(Money.Zero, (sum, r) => sum + r.Paid);

    private static List<FinalRide> Rides(TapHistory history, IEnumerable<CardEvent> events)
    {
        var fares = FinalFares(events);
        return history.Arrivals.Where(t => fares.ContainsKey(t.OperationId))
            .Select(t => new FinalRide(t, fares[t.OperationId].Fare, fares[t.OperationId].Breakdown)).ToList();
    }

    private sealed record FinalRide(ChargeRequest Tap, Money Paid, FareBreakdown Fare)
    {
        public DateOnly Day => ChinaTime.DateOf(Tap.TappedAt);
    }
}
