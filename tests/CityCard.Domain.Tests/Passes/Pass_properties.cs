using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using CityCard.Domain.Tests.Policies;
using CsCheck;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// Properties of the fare engine with passes over random histories arriving in random orders. CsCheck prints the seed
/// of a failure (and the history); Sample(seed: "…") replays it.
/// </summary>
public sealed class Pass_properties
{
    private const int Iterations = 150;

    [Theory]
    [MemberData(nameof(PassHistory.Kinds), MemberType = typeof(PassHistory))]
    public void A_covered_ride_costs_0_the_pass_pays_exactly_what_was_left_and_no_fare_is_ever_below_0(string kind)
    {
        PassHistory.Of(kind).Sample(history =>
        {
            var rider = new PassRider(history.Card, history.Book).RideAll(history.Arrivals);

            foreach (var (tap, fare) in rider.Final.Values)
            {
                Assert.True(fare.Charged >= Money.Zero, $"{tap.OperationId} costs {fare.Charged}");
                Assert.Equal(fare.Charged, fare.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount));
                if (PassLine(fare) is { } line)
                {
                    var before = fare.Lines.Where(l => l.Kind != FareLineKind.Pass).Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
                    Assert.Equal((Money.Zero, -before), (fare.Charged, line.Amount));
                    Assert.True(line.Amount <= Money.Zero);
                    var pass = history.Book.Find(PassLines.CoverOf(fare)!.Value.PassId)!;
                    Assert.True(pass.Terms.Covers(tap.City, tap.Mode) && tap.TappedAt >= pass.SoldAt, $"{tap.OperationId} is not in {pass.PassId}'s scope");
                    Assert.Equal(pass.Terms.Policy, line.Policy);
                }
            }
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(PassHistory.Kinds), MemberType = typeof(PassHistory))]
    public void Whatever_order_the_taps_arrive_in_every_fare_and_every_pass_cover_ends_as_if_they_had_arrived_in_order(string kind)
    {
        PassHistory.Of(kind).Sample(history =>
        {
            var late = new PassRider(history.Card, history.Book).RideAll(history.Arrivals);
            var onTime = new PassRider(history.Card, history.Book).RideAll(history.InRideOrder);

            Assert.Equal(Facts(onTime), Facts(late));
            Assert.Equal(onTime.Passes.Passes.Select(p => p.FirstUsedAt), late.Passes.Passes.Select(p => p.FirstUsedAt));
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(PassHistory.Kinds), MemberType = typeof(PassHistory))]
    public void A_ride_outside_every_pass_is_priced_exactly_as_the_engine_without_passes_prices_it_among_the_same_rides(string kind)
    {
        PassHistory.Of(kind).Sample(history =>
        {
            var rider = new PassRider(history.Card, history.Book).RideAll(history.InRideOrder);
            var rides = rider.Memory.Rides;

            for (var i = 0; i < rides.Count; i++)
            {
                var tap = rides[i].Tap;
                if (!history.InAnyScope(tap))
                {
                    Assert.Equal(PriceWithout(history.Card, tap, rides.Take(i).ToList()), rider.Final[tap.OperationId].Fare);
                }
            }
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(PassHistory.Kinds), MemberType = typeof(PassHistory))]
    public void When_no_ride_is_of_a_kind_the_passes_cover_every_fare_is_what_it_would_be_without_them(string kind)
    {
        PassHistory.Of(kind).Sample(history =>
        {
            var outside = history.Arrivals.Where(t => !history.InAnyScope(t)).ToList();

            var with = new PassRider(history.Card, history.Book).RideAll(outside);
            var without = new PassRider(history.Card, PassBook.Empty).RideAll(outside);

            Assert.Equal(Facts(without), Facts(with));
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(PassHistory.Kinds), MemberType = typeof(PassHistory))]
    public void No_day_costs_more_than_the_caps_in_force_counting_only_what_was_paid(string kind)
    {
        PassHistory.Of(kind).Sample(history =>
        {
            var rider = new PassRider(history.Card, history.Book).RideAll(history.Arrivals);
            var rides = rider.Final.Values.Where(r => r.Fare.CountsTowardCaps).ToList();

            foreach (var day in rides.Select(r => r.Tap.Day).Distinct())
            {
                var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), ChinaTime.Offset);
                var ofDay = rides.Where(r => r.Tap.Day == day).ToList();
                Assert.True(Sum(ofDay) <= RepoPolicies.Set.RegionAt(noon)!.DailyCap);
                foreach (var city in Cities.All)
                {
                    Assert.True(Sum(ofDay.Where(r => r.Tap.City == city)) <= RepoPolicies.Set.CityAt(city, noon)!.Caps.Daily);
                }
            }
        }, iter: Iterations);
    }

    private static Money Sum(IEnumerable<(RideTap Tap, FareBreakdown Fare)> rides) => rides.Aggregate(Money.Zero, (sum, r) => sum + r.Fare.Charged);

    private static List<(string, long, string?, long)> Facts(PassRider rider) =>
        [.. rider.Final.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value.Fare.Charged.Fen, PassLines.CoverOf(f.Value.Fare)?.PassId, PassLines.CoverOf(f.Value.Fare)?.WouldHaveCost.Fen ?? -1))];
}
