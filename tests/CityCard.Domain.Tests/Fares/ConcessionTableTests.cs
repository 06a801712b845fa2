using CityCard.Contracts;
using CityCard.Domain.Cards;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>
/// Concessions and merchant discounts by product, checked by hand against the policy files: local cards only unless
/// the concession says otherwise, off-peak windows, free rides per month, and the rounding of shares (half up, to the
/// cardholder's benefit).
/// </summary>
public sealed class ConcessionTableTests
{
    public static TheoryData<string, City, string, ChargeRequest, long, string?> Rows => new()
    {
        // name, card issuer, product, tap, expected fen, expected concession rule (null: none)
        { "ZG senior, ZG bus off peak: free", City.ZG, "senior", Bus(City.ZG, "ZG-1", At("10:00")), 0, "concessions.senior-offpeak-free (10000 bp off)" },
        { "ZG senior, ZG bus in the morning peak: full", City.ZG, "senior", Bus(City.ZG, "ZG-1", At("08:00")), 200, null },
        { "ZG senior, ZG bus at 09:00, the peak's end: free", City.ZG, "senior", Bus(City.ZG, "ZG-1", At("09:00")), 0, "concessions.senior-offpeak-free (10000 bp off)" },
        { "LZ senior, ZG bus off peak: local cards only", City.LZ, "senior", Bus(City.ZG, "ZG-1", At("10:00")), 200, null },
        { "ZG student, ZG suburban bus: half", City.ZG, "student", Bus(City.ZG, "ZG-35", At("10:00")), 150, "concessions.student-half (5000 bp off)" },
        { "YB student, ZG suburban bus: local cards only", City.YB, "student", Bus(City.ZG, "ZG-35", At("10:00")), 300, null },
        { "ZG student, ZG coach: not a concession mode", City.ZG, "student", Coach(City.ZG, "ZG-CS", "NJ-CS", At("10:00")), 2200, null },
        { "NJ disabled, ZG bus: ZG opens it to all cities", City.NJ, "disabled", Bus(City.ZG, "ZG-35", At("10:00")), 0, "concessions.disabled-free (10000 bp off)" },
        { "ZG disabled, NJ bus: NJ opens it to all cities", City.ZG, "disabled", Bus(City.NJ, "NJ-R1", At("10:00")), 0, "concessions.disabled-free (10000 bp off)" },
        { "NJ student, NJ urban bus: 40 % of 1.50", City.NJ, "student", Bus(City.NJ, "NJ-2", At("10:00")), 90, "concessions.student-40 (4000 bp off)" },
        { "NJ student, NJ rural bus: 40 % of 2.50", City.NJ, "student", Bus(City.NJ, "NJ-R1", At("10:00")), 150, "concessions.student-40 (4000 bp off)" },
        { "LZ senior, NJ bus: first free ride of the month", City.LZ, "senior", Bus(City.NJ, "NJ-2", At("10:00")), 0, "concessions.senior-rides (free ride 1 of 40 this month)" },
        { "LZ student, LZ bus: half of 2.50", City.LZ, "student", Bus(City.LZ, "LZ-1", At("10:00")), 125, "concessions.student-half (5000 bp off)" },
        { "LZ student, LZ bike: not a concession mode", City.LZ, "student", Bike(City.LZ, At("10:00"), 40), 100, null },
        { "YB student, YB rail 16 km: half of 5.00", City.YB, "student", Rail(City.YB, "YB-GT", "YB-XZ", At("10:00")), 250, "concessions.student-half (5000 bp off)" },
        { "YB employee, YB rail 8.3 km: 20 % of 4.00", City.YB, "employee", Rail(City.YB, "YB-GT", "YB-LY", At("10:00")), 320, "concessions.employee-rail (2000 bp off)" },
        { "YB employee, YB bus: rail only", City.YB, "employee", Bus(City.YB, "YB-1", At("10:00")), 200, null },
        { "YB senior, YB rail in the evening peak: full", City.YB, "senior", Rail(City.YB, "YB-GT", "YB-DJ", At("17:30")), 200, null },
        { "YB senior, YB rail after the peak: free", City.YB, "senior", Rail(City.YB, "YB-GT", "YB-DJ", At("19:00")), 0, "concessions.senior-offpeak-free (10000 bp off)" },
        { "ZG senior, ZG scenic site 1.25: half, rounded half up in the holder's favour", City.ZG, "senior", Purchase(City.ZG, Category.ScenicSite, 125, At("10:00")), 62, "merchantDiscounts.senior-sites (5000 bp off)" },
        { "ZG senior, YB scenic site: YB's discount is for local cards", City.ZG, "senior", Purchase(City.YB, Category.ScenicSite, 125, At("10:00")), 125, null },
        { "YB senior, NJ library: NJ's free sites are for every city's seniors", City.YB, "senior", Purchase(City.NJ, Category.Library, 800, At("10:00")), 0, "merchantDiscounts.senior-free-sites (10000 bp off)" },
        { "LZ student, LZ cinema 12.53: 20 % off is 2.506, rounded to 2.51", City.LZ, "student", Purchase(City.LZ, Category.Cinema, 1253, At("10:00")), 1002, "merchantDiscounts.student-cinema (2000 bp off)" },
        { "LZ student, LZ retail: no discount for shops", City.LZ, "student", Purchase(City.LZ, Category.Retail, 1253, At("10:00")), 1253, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_concession_applies_exactly_where_the_policy_gives_it(string name, City issuer, string product, ChargeRequest tap, long expectedFen, string? expectedRule)
    {
        _ = name;
        var charged = Charged(Card(issuer, product), tap);

        Assert.Equal(expectedFen, charged.Amount.Fen);
        var concession = charged.Fare!.Lines.SingleOrDefault(l => l.Kind == FareLineKind.Concession);
        Assert.Equal(expectedRule, concession?.Rule);
        Assert.Equal(charged.Amount, charged.Fare.Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount));
    }

    [Fact]
    public void A_seniors_free_rides_in_Neijiang_run_out_after_forty_in_a_calendar_month_and_come_back_the_next()
    {
        var card = Card(City.NJ, "senior");
        var november = Enumerable.Range(0, 41).Select(i => Bus(City.NJ, i % 2 == 0 ? "NJ-2" : "NJ-6", At("10:00", new DateOnly(2026, 11, 1 + (i / 2))).AddMinutes(60 * (i % 2)))).ToList();
        var december = Bus(City.NJ, "NJ-2", At("06:00", new DateOnly(2026, 12, 1)));

        var (_, events) = Run(card, [.. november, december]);

        var fares = events.OfType<CardCharged>().Select(c => c.Amount.Fen).ToList();
        Assert.All(fares.Take(40), f => Assert.Equal(0, f));
        Assert.Equal(150, fares[40]);
        Assert.Equal(0, fares[41]);
        Assert.Equal("senior-rides", events.OfType<CardCharged>().Last().Fare!.FreeRideOf);
    }
}
