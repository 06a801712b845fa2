using CityCard.Domain.Fares;
using CityCard.Domain.Tests.Fares;
using CityCard.Domain.Tests.Passes;
using CityCard.Domain.Tests.Policies;
using CsCheck;

namespace CityCard.Domain.Tests.PolicySimulation;

/// <summary>
/// Simulating the version in force over a period it covers reproduces every recorded fare exactly, whatever order the
/// taps arrived in: from the card decider's own events (charges and late-tap adjustments), and with passes. CsCheck
/// prints the seed of a failure.
/// </summary>
public sealed class Simulating_the_policy_in_force
{
    [Fact]
    public void The_card_deciders_recorded_fares_are_reproduced_exactly_by_simulating_the_files_in_force()
    {
        Gen.Select(TapHistory.Gen(), Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 2]).Sample((history, city, start, length) =>
        {
            var card = FareKit.Card(history.Issuer, history.Product);
            var events = FareKit.Run(card, history.Arrivals).Events;
            var simulated = new SimulatedCard(card.Card, ProductCode.Parse(history.Product), [], RecordedRide.From(events));
            var from = new DateOnly(2026, 11, 20).AddDays(start);

            var report = Run(Cities.All[city], from, from.AddDays(length), simulated);

            AssertReproduced(report);
            Assert.Equal(FareKit.FinalFares(events).Count, simulated.Rides.Count);
        }, iter: 200);
    }

    [Fact]
    public void A_cards_stream_as_the_silo_reads_it_reproduces_its_recorded_fares_exactly()
    {
        Gen.Select(TapHistory.Gen(), Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 2]).Sample((history, city, start, length) =>
        {
            var card = FareKit.Card(history.Issuer, history.Product);
            var events = FareKit.Run(card, history.Arrivals).Events;
            var issued = new CardIssued("issue", FareKit.Now.AddDays(-400), card.Card, card.Card.Issuer, ProductCode.Parse(history.Product), Money.Zero);
            var from = new DateOnly(2026, 11, 20).AddDays(start);

            var stream = SimulatedCard.FromStream(card.Card, [issued, .. events], CityCard.Domain.Passes.PassPeriods.Midnight(from));
            var report = Run(Cities.All[city], from, from.AddDays(length), stream);

            AssertReproduced(report);
            Assert.Equal(ProductCode.Parse(history.Product), stream.Product);
            Assert.Equal(FareKit.FinalFares(events).Count, stream.Rides.Count);
        }, iter: 200);
    }

    [Theory]
    [MemberData(nameof(PassHistory.Kinds), MemberType = typeof(PassHistory))]
    public void Fares_recorded_with_passes_are_reproduced_exactly_by_simulating_the_files_in_force(string kind)
    {
        Gen.Select(PassHistory.Of(kind), Gen.Int[0, 3], Gen.Int[0, 30], Gen.Int[0, 30]).Sample((history, city, start, length) =>
        {
            var rider = new PassRider(history.Card, history.Book).RideAll(history.Arrivals);
            var simulated = new SimulatedCard(PassKit.CardOf(history.Issuer), history.Card.Product, rider.Passes.Passes, [.. rider.Final.Values.Select(r => new RecordedRide(r.Tap, r.Fare, false))]);
            var from = new DateOnly(2027, 1, 25).AddDays(start);

            var report = Run(Cities.All[city], from, from.AddDays(length), simulated);

            AssertReproduced(report);
            Assert.Equal(report.PassCovered.RecordedAmount, report.PassCovered.SimulatedAmount);
        }, iter: 200);
    }

    [Fact]
    public void A_cards_recorded_rides_are_its_transit_charges_as_last_adjusted_and_reversed_ones_are_marked()
    {
        var card = FareKit.Card(City.ZG);
        var later = FareKit.Bus(City.ZG, "ZG-35", FareKit.At("10:30"));
        var (_, events) = FareKit.Run(card, [later, FareKit.Bus(City.ZG, "ZG-1", FareKit.At("10:00")), FareKit.Purchase(City.ZG, Category.Retail, 500, FareKit.At("11:00"))]);
        var reversal = new ChargeReversed("rev-1", FareKit.Now, later.OperationId, Money.FromFen(100), City.ZG, Category.Bus, later.MerchantId, "Broken reader");

        var rides = RecordedRide.From([.. events, reversal]);

        Assert.Equal(2, rides.Count);
        Assert.Equal(["ZG-1", "ZG-35"], rides.Select(r => r.Tap.Ride.Route));
        Assert.Equal((Money.FromFen(100), true), (rides[1].Fare.Charged, rides[1].Reversed));
        Assert.Contains(events, e => e is FareAdjusted);
    }

    private static SimulationReport Run(City city, DateOnly from, DateOnly to, SimulatedCard card)
    {
        var draft = Simulating_a_fare_change.Draft(city, _ => { });
        return Assert.IsType<SimulationOutcome.Reported>(FareSimulation.Run(draft, from, to, [card])).Report;
    }

    private static void AssertReproduced(SimulationReport report)
    {
        Assert.Equal(0, report.ChangedRides);
        Assert.Equal(report.Total.Recorded, report.Total.Simulated);
        Assert.Equal(report.OtherCities.Recorded, report.OtherCities.Simulated);
        Assert.Equal(report.Riders.Riders, report.Riders.PaySame);
        Assert.Empty(report.Unpriced);
        foreach (var step in new[] { report.CapHits, report.Transfers, report.PassCovered })
        {
            Assert.Equal((step.Recorded, step.RecordedAmount), (step.Simulated, step.SimulatedAmount));
        }
    }
}
