using System.Globalization;
using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using CsCheck;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// Random histories for the pass properties: a card of a random city and product (standard, student, senior), some of
/// the passes it could buy (its own city's monthly pass for January or February, another city's, the regional pass,
/// sold at random moments in January), and up to 50 rides from 2027-01-25 to 03-05, in all four cities and every
/// mode, arriving in a random order. The span crosses a month end and lets a regional pass start, run out, or never
/// start. The dense variant puts up to 40 rides in the four days around the month's end, so caps meet passes.
/// </summary>
public sealed record PassHistory(City Issuer, string Product, IReadOnlyList<HeldPass> Passes, IReadOnlyList<RideTap> Arrivals)
{
    public static readonly DateOnly FirstDay = new(2027, 1, 25);

    private static readonly (City City, Category Mode, string? Route, string? From, string? To)[] Templates =
    [
        (City.ZG, Category.Bus, "ZG-1", null, null), (City.ZG, Category.Bus, "ZG-35", null, null), (City.ZG, Category.Bus, "ZG-3", null, null),
        (City.ZG, Category.Coach, null, "ZG-CS", "YB-CS"), (City.ZG, Category.Bike, null, null, null),
        (City.LZ, Category.Bus, "LZ-1", null, null), (City.LZ, Category.Bus, "LZ-K2", null, null), (City.LZ, Category.Bike, null, null, null),
        (City.NJ, Category.Bus, "NJ-2", null, null), (City.NJ, Category.Bus, "NJ-R1", null, null), (City.NJ, Category.Coach, null, "NJ-CS", "YB-CS"),
        (City.YB, Category.Bus, "YB-4", null, null), (City.YB, Category.Bus, "YB-K3", null, null), (City.YB, Category.Rail, null, "YB-GT", "YB-XZ"),
        (City.YB, Category.Rail, null, "YB-ZY", "YB-LY"), (City.YB, Category.Bike, null, null, null),
    ];

    private static readonly string[] Products = ["standard", "student", "senior"];

    public FareCard Card => new(Issuer, ProductCode.Parse(Product));

    public PassBook Book => Passes.Aggregate(PassBook.Empty, (book, p) => book.Sold(p));

    public static TheoryData<string> Kinds => ["sparse", "dense"];

    public static Gen<PassHistory> Of(string kind) => kind == "dense" ? Gen(new DateOnly(2027, 1, 30), 4, 40) : Gen(FirstDay, 40, 50);

    public static Gen<PassHistory> Gen(DateOnly firstDay, int days, int maxTaps) =>
        CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, 3],
            CsCheck.Gen.Int[0, 2],
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, 4], CsCheck.Gen.Int[1, 28], CsCheck.Gen.Int[0, 23]).Array[0, 3],
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, Templates.Length - 1], CsCheck.Gen.Int[0, days - 1], CsCheck.Gen.Int[6 * 60, 23 * 60], CsCheck.Gen.Int[5, 240], CsCheck.Gen.Int)
                .Array[1, maxTaps],
            (issuer, product, sales, taps) =>
            {
                var city = Cities.All[issuer];
                var arrivals = taps
                    .Select((t, i) => (Tap: Ride(Templates[t.Item1], firstDay.AddDays(t.Item2), t.Item3, t.Item4, i), Key: t.Item5, Index: i))
                    .OrderBy(x => x.Key).ThenBy(x => x.Index)
                    .Select(x => x.Tap)
                    .ToList();
                return new PassHistory(city, Products[product], Buy(city, Products[product], sales), arrivals);
            });

    /// <summary>The same taps in the order the rides happened.</summary>
    public IReadOnlyList<RideTap> InRideOrder => [.. Arrivals.Order(RideOrder.Instance)];

    public override string ToString() =>
        $"{Issuer} {Product} holding [{string.Join(", ", Passes.Select(p => $"{p.PassId} {p.Terms.Product} sold {p.SoldAt.ToChinaTime():MM-dd HH:mm} from {p.ValidFrom.ToChinaTime():MM-dd}"))}]: "
        + string.Join("; ", Arrivals.Select(t => $"{t.OperationId} {t.City} {t.Mode} {t.Ride.Route ?? $"{t.Ride.FromStation}>{t.Ride.ToStation}"} {t.TappedAt.ToChinaTime():MM-dd HH:mm}"));

    /// <summary>Each sale tried in turn against what the card already holds; a refused one is simply not held.</summary>
    private static List<HeldPass> Buy(City city, string product, (int Kind, int Day, int Hour)[] sales)
    {
        var book = PassBook.Empty;
        var other = Cities.All[(Cities.All.ToList().IndexOf(city) + 1) % 4];
        for (var i = 0; i < sales.Length; i++)
        {
            var (kind, day, hour) = sales[i];
            var soldAt = $"2027-01-{day:D2} {hour:D2}:00";
            var decision = kind switch
            {
                0 => Sell(city, Monthly(city), soldAt, city, product, "2027-01-01", $"P{i}", book),
                1 => Sell(city, Monthly(city), soldAt, city, product, "2027-02-01", $"P{i}", book),
                2 => Sell(other, Monthly(other), soldAt, city, product, "2027-02-01", $"P{i}", book),
                _ => Sell(null, "regional-bus-30", soldAt, city, product, null, $"P{i}", book),
            };
            if (decision is PassDecision<HeldPass>.Accepted { Outcome: var pass })
            {
                book = book.Sold(pass);
            }
        }

        return [.. book.Passes];
    }

    private static string Monthly(City city) => $"{city.ToString().ToLowerInvariant()}-monthly";

    private static RideTap Ride((City City, Category Mode, string? Route, string? From, string? To) template, DateOnly day, int minute, int duration, int index)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).AddMinutes(minute);
        var ride = template.Mode switch
        {
            Category.Bus => RideDetails.Bus(template.Route!),
            Category.Coach => RideDetails.Coach(template.From!, template.To!),
            Category.Rail => RideDetails.Rail(template.From!, template.To!, at.AddMinutes(duration / 4)),
            _ => RideDetails.Bike(at.AddMinutes(duration)),
        };
        return new RideTap($"ride-{index:D2}", template.City, template.Mode, $"{template.City}-{template.Mode.ToString().ToUpperInvariant()}", ride, at, $"{template.City}-T1", index);
    }

    /// <summary>Whether any of the passes covers this kind of service in this city at all (in any period).</summary>
    public bool InAnyScope(RideTap tap) => Passes.Any(p => p.Terms.Covers(tap.City, tap.Mode));

    public static string Day(DateTimeOffset at) => ChinaTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
