using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Passes;
using CityCard.Domain.Tests.Policies;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.PolicySimulation;

/// <summary>
/// A city tries a draft on recorded rides: a draft the silo would refuse is refused with the same errors; otherwise
/// every ride of the period is priced again and the report sets what it would cost beside what was charged.
/// </summary>
public sealed class Simulating_a_fare_change
{
    private static readonly DateOnly From = new(2027, 1, 11);
    private static readonly DateOnly To = new(2027, 1, 17);

    [Fact]
    public void A_draft_the_silo_would_refuse_is_refused_with_exactly_the_silos_errors()
    {
        var draft = RepoPolicies.Edit(File("zg.json"), zg =>
        {
            Newest(zg)["bus"]!["routeClasses"]![0]!["fare"] = -250;
            Newest(zg)["passes"]![0]!["modes"] = new System.Text.Json.Nodes.JsonArray("Bus", "Rail");
        });

        var (loaded, errors) = PolicyDraft.Load(RepoPolicies.Sources, City.ZG, draft);

        Assert.Null(loaded);
        Assert.Equal(PolicyLoader.Load(RepoPolicies.Sources.Select(s => s.FileName == "zg.json" ? s with { Text = draft } : s)).Errors, errors);
        Assert.Equal(
            [("zg.json", "$.versions[1].bus.routeClasses[0].fare", PolicyErrorCode.NegativeFare), ("zg.json", "$.versions[1].passes[0].modes", PolicyErrorCode.PassModeNotOffered)],
            errors.Select(e => (e.File, e.Path, e.Code)));
    }

    [Fact]
    public void A_draft_is_tried_from_the_periods_first_day_after_the_versions_that_started_before_it()
    {
        var draft = Draft(City.LZ, lz => AddVersion(lz, "2027-06-01", v => v["bus"]!["routeClasses"]![0]!["fare"] = 300));

        var trial = draft.TrialFrom(From);

        Assert.Equal(["LZ@2026-01-01", "LZ@2026-11-20", "LZ@2027-01-01", "LZ@2027-01-11"], trial.Cities[City.LZ].Versions.Select(v => v.Id));
        Assert.Equal(300, trial.CityAt(City.LZ, At("2027-01-11 00:00"))!.Bus!.RouteClasses["urban"].Fen);
        Assert.Equal(250, trial.CityAt(City.LZ, At("2027-01-10 23:59"))!.Bus!.RouteClasses["urban"].Fen);
        Assert.Same(draft.InForce.Cities[City.ZG], trial.Cities[City.ZG]);
    }

    [Fact]
    public void Raising_zigongs_urban_fare_reports_revenue_riders_caps_and_transfers_beside_what_was_charged()
    {
        // Urban buses 2.00 -> 2.50 from the draft; everything else as in force.
        var draft = Draft(City.ZG, zg => AddVersion(zg, "2027-03-01", v => v["bus"]!["routeClasses"]![0]!["fare"] = 250));
        var commuter = Recorded(City.ZG, "standard", [], Bus(City.ZG, "ZG-1", "2027-01-11 08:00"), Bus(City.ZG, "ZG-1", "2027-01-11 18:00"));
        var student = Recorded(City.ZG, "student", [], Bus(City.ZG, "ZG-1", "2027-01-12 08:00"), Bus(City.ZG, "ZG-35", "2027-01-12 08:30"));
        var heavy = Recorded(City.LZ, "standard", [], [.. Enumerable.Range(0, 6).Select(h => Bus(City.ZG, "ZG-7", $"2027-01-13 {7 + (2 * h):D2}:00")), Bus(City.LZ, "LZ-1", "2027-01-13 20:00")]);
        var suburban = Recorded(City.ZG, "senior", [], Bus(City.ZG, "ZG-35", "2027-01-14 08:00"));
        var holder = Recorded(City.ZG, "standard", [Sold(City.ZG, "zg-monthly", "2027-01-02 10:00", month: "2027-01-01", passId: "P1")], Bus(City.ZG, "ZG-1", "2027-01-15 08:00"));
        var outside = Recorded(City.ZG, "standard", [], Bus(City.ZG, "ZG-1", "2027-01-10 08:00"), Bus(City.ZG, "ZG-1", "2027-01-18 08:00"));

        var report = Report(draft, commuter, student, heavy, suburban, holder, outside);

        // Recorded, and under the draft: the commuter 2.00 + 2.00, then 2.50 + 2.50; the student half of 2.00, then a
        // suburban transfer costing nothing (1.50 off), under the draft half of 2.50 = 1.25; the Luzhou card's six
        // urban buses reach Zigong's 10.00 cap on the sixth (on the fifth under the draft: 4 × 2.50); the senior rides in
        // the peak, 3.00 either way; the pass holder pays nothing (the pass would pay 2.50 instead of 2.00); the rides of
        // 10 and 18 January are outside the period.
        Assert.Equal("ZG@2027-01-11", report.Tried);
        Assert.Equal(["ZG@2027-01-01"], report.Recorded);
        Assert.Equal(("total", 12, 1800L, 1925L, 125L), (report.Total.Key, report.Total.Rides, report.Total.Recorded.Fen, report.Total.Simulated.Fen, report.Total.Difference.Fen));
        Assert.Equal(["ZG-BUS 12 1800 1925"], report.ByOperator.Select(l => $"{l.Key} {l.Rides} {l.Recorded.Fen} {l.Simulated.Fen}"));
        Assert.Equal(["Bus 12 1800 1925"], report.ByMode.Select(l => $"{l.Key} {l.Rides} {l.Recorded.Fen} {l.Simulated.Fen}"));
        Assert.Equal(["senior 1 300 300", "standard 9 1400 1500", "student 2 100 125"], report.ByProduct.Select(l => $"{l.Key} {l.Rides} {l.Recorded.Fen} {l.Simulated.Fen}"));
        Assert.Equal(8, report.ChangedRides);
        Assert.Equal((5, 2, 0, 3, 100L, 0L), (report.Riders.Riders, report.Riders.PayMore, report.Riders.PayLess, report.Riders.PaySame, report.Riders.LargestIncrease.Fen, report.Riders.LargestDecrease.Fen));
        Assert.Equal(
            ["..-1001 0", "-1000..-501 0", "-500..-201 0", "-200..-101 0", "-100..-1 0", "0..0 3", "1..100 2", "101..200 0", "201..500 0", "501..1000 0", "1001.. 0"],
            report.Riders.Distribution.Select(b => $"{b.From}..{b.To} {b.Riders}"));
        Assert.Equal(new StepCount(1, 2, Money.FromFen(200), Money.FromFen(500)), report.CapHits);
        Assert.Equal(new StepCount(1, 1, Money.FromFen(150), Money.FromFen(150)), report.Transfers);
        Assert.Equal(new StepCount(1, 1, Money.FromFen(200), Money.FromFen(250)), report.PassCovered);
        Assert.Equal(("other cities", 1, 250L, 250L), (report.OtherCities.Key, report.OtherCities.Rides, report.OtherCities.Recorded.Fen, report.OtherCities.Simulated.Fen));
        Assert.Empty(report.Unpriced);
    }

    [Fact]
    public void Rides_on_a_route_the_draft_drops_are_reported_as_unpriceable_not_priced()
    {
        var draft = Draft(City.ZG, zg => AddVersion(zg, "2027-03-01", v => v["bus"]!["routes"]!.AsArray().RemoveAt(2)));
        var card = Recorded(City.ZG, "standard", [], Bus(City.ZG, "ZG-7", "2027-01-11 08:00"), Bus(City.ZG, "ZG-1", "2027-01-12 08:00"));

        var report = Report(draft, card);

        var unpriced = Assert.Single(report.Unpriced);
        Assert.Equal((RejectionCode.UnknownRoute, 1, 200L), (unpriced.Code, unpriced.Rides, unpriced.Recorded.Fen));
        Assert.Equal(1, report.Total.Rides);
    }

    [Theory]
    [InlineData("2027-01-17", "2027-01-11", SimulationRefusal.PeriodBackwards)]
    [InlineData("2027-01-01", "2027-04-03", SimulationRefusal.PeriodTooLong)]
    public void A_period_backwards_or_longer_than_92_days_is_refused(string from, string to, SimulationRefusal code)
    {
        var outcome = FareSimulation.Run(Draft(City.ZG, _ => { }), DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), []);

        Assert.Equal(code, Assert.IsType<SimulationOutcome.Refused>(outcome).Code);
    }

    private static SimulationReport Report(PolicyDraft draft, params SimulatedCard[] cards) =>
        Assert.IsType<SimulationOutcome.Reported>(FareSimulation.Run(draft, From, To, cards)).Report;

    /// <summary>A card's rides as they were recorded under the policies in force (priced in ride order with its passes).</summary>
    internal static SimulatedCard Recorded(City issuer, string product, HeldPass[] passes, params RideTap[] taps)
    {
        var card = new FareCard(issuer, ProductCode.Parse(product));
        var rider = new PassRider(card, passes.Aggregate(PassBook.Empty, (b, p) => b.Sold(p))).RideAll(taps);
        return new SimulatedCard(CardOf(issuer), card.Product, rider.Passes.Passes, [.. rider.Final.Values.Select(r => new RecordedRide(r.Tap, r.Fare, false))]);
    }

    internal static PolicyDraft Draft(City city, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var (draft, errors) = PolicyDraft.Load(RepoPolicies.Sources, city, RepoPolicies.Edit(File(PolicyLoader.FileOf(city)), edit));
        return draft ?? throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    }

    private static string File(string name) => RepoPolicies.Sources.Single(s => s.FileName == name).Text;

    private static System.Text.Json.Nodes.JsonObject Newest(System.Text.Json.Nodes.JsonObject file) => file["versions"]!.AsArray()[^1]!.AsObject();

    private static void AddVersion(System.Text.Json.Nodes.JsonObject file, string date, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var next = Newest(file).DeepClone().AsObject();
        next["effectiveFrom"] = date;
        edit(next);
        file["versions"]!.AsArray().Add(next);
    }
}
