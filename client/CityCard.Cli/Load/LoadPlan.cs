using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Load;

public sealed record PlannedCard(City Issuer, CardNumber Number, string Product, long Deposit, long TopUp)
{
    public string Card => Number.Value;
}

/// <summary>A ride (no amount: the acquirer's policy prices it) or a purchase (the merchant's amount, no ride).</summary>
public sealed record PlannedTap(string Card, City Acquirer, Category Category, long? Amount, RideBody? Ride, string Merchant, string Terminal, long Sequence, DateTimeOffset TappedAt, bool Online)
{
    /// <summary>
    /// The tap moved from the plan's day into the card's own life: a tap is never dated before its card was issued
    /// (TapBeforeIssue), so the day, from <paramref name="dayStart"/> to <paramref name="dayEnd"/>, is laid in order
    /// between the card's issue and the upload, and a ride's length shrinks with it.
    /// </summary>
    public PlannedTap Within(DateTimeOffset dayStart, DateTimeOffset dayEnd, DateTimeOffset issuedAt, DateTimeOffset uploadAt)
    {
        var scale = Math.Max(0, (uploadAt - issuedAt).Ticks) / (double)(dayEnd - dayStart).Ticks;
        DateTimeOffset Move(DateTimeOffset t) => issuedAt + TimeSpan.FromTicks((long)((t - dayStart).Ticks * scale));
        return this with { TappedAt = Move(TappedAt), Ride = Ride is { EndedAt: { } ended } ride ? ride with { EndedAt = Move(ended) } : Ride };
    }
}

/// <summary>
/// A region's day, drawn from one seed: the same seed gives the same cards, taps, keys and order of times, so a run
/// can be replayed. Most taps happen in the card's own city, the rest across cities; a few cards run low and a few are
/// reported lost. The day's times run from <see cref="DayStart"/> to <see cref="DayEnd"/>; the runner lays each card's
/// taps between its issue and the upload (<see cref="PlannedTap.Within"/>), since no tap predates its card.
/// </summary>
public sealed record LoadPlan(int Seed, string Run, IReadOnlyList<PlannedCard> Cards, IReadOnlyList<CardNumber> LostCards, IReadOnlyList<PlannedTap> Taps)
{
    public DateTimeOffset DayStart { get; init; }

    public DateTimeOffset DayEnd { get; init; }

    // Purchases carry an amount in these ranges; rides carry none (their fare is the policy's).
    private static readonly (Category Category, int Weight, long MinFen, long MaxFen)[] Uses =
    [
        (Category.Bus, 50, 0, 0),
        (Category.Rail, 15, 0, 0),
        (Category.Bike, 8, 0, 0),
        (Category.Coach, 5, 0, 0),
        (Category.Retail, 14, 500, 8_000),
        (Category.Parking, 5, 500, 1_500),
        (Category.ScenicSite, 3, 2_000, 6_000),
    ];

    // Routes and stations that the cities' policies (policies/*.json) price; a mode a city does not run falls back to bus.
    private static readonly Dictionary<City, string[]> BusRoutes = new()
    {
        [City.ZG] = ["ZG-1", "ZG-3", "ZG-7", "ZG-35"],
        [City.LZ] = ["LZ-1", "LZ-3", "LZ-8", "LZ-K2"],
        [City.NJ] = ["NJ-2", "NJ-6", "NJ-9"],
        [City.YB] = ["YB-1", "YB-4", "YB-12", "YB-K3"],
    };

    private static readonly string[] YibinRail = ["YB-GT", "YB-LY", "YB-XZ"];

    public static LoadPlan Create(int seed, int cardsPerCity, int taps, int onlinePercent, DateTimeOffset now)
    {
        var random = new Random(seed);
        var run = seed.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var serialBase = random.NextInt64(1, 99_999) * 10_000;
        var cards = new List<PlannedCard>();
        foreach (var city in Cities.All)
        {
            for (var i = 0; i < cardsPerCity; i++)
            {
                var card = CardNumber.Create(city, serialBase + i);
                var low = random.Next(100) < 10;
                var product = random.Next(100) < 80 ? "standard" : "student";

                // Each city's policy fixes its products' deposits (policies/*.json); only Neijiang's student card differs.
                var deposit = product == "student" && city == City.NJ ? 1_000 : 2_000;
                cards.Add(new PlannedCard(city, card, product, deposit, low ? 500 : random.Next(100, 301) * 100));
            }
        }

        var lost = cards.Where(_ => random.Next(100) < 2).Select(c => c.Number).ToList();
        var dayEnd = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);
        var drafts = new List<(PlannedCard Card, City Acquirer, Category Category, long? Amount, RideBody? Ride, int Terminal, DateTimeOffset At, bool Online)>();
        for (var i = 0; i < taps; i++)
        {
            var card = cards[random.Next(cards.Count)];
            var acquirer = random.Next(100) < 70 ? card.Issuer : Cities.All[random.Next(Cities.All.Count)];
            var use = Pick(random);
            var at = dayEnd.AddSeconds(-random.Next(3_600, 10 * 3600));
            var (category, ride) = use.Category.IsTransit() ? RideIn(acquirer, use.Category, at, random) : (use.Category, null);
            long? amount = ride is null ? use.MinFen + (random.NextInt64(0, ((use.MaxFen - use.MinFen) / 50) + 1) * 50) : null;
            drafts.Add((card, acquirer, category, amount, ride, random.Next(1, 11), at, random.Next(100) < onlinePercent));
        }

        // A terminal numbers its taps in the order it recorded them.
        var planned = drafts
            .GroupBy(d => (d.Acquirer, d.Category, d.Terminal))
            .SelectMany(g => g.OrderBy(d => d.At).Select((d, n) => new PlannedTap(
                d.Card.Card, d.Acquirer, d.Category, d.Amount, d.Ride, Operator(d.Acquirer, d.Category), $"{Operator(d.Acquirer, d.Category)}-{d.Terminal:000}", n + 1, d.At, d.Online)))
            .OrderBy(t => t.TappedAt)
            .ToList();
        return new LoadPlan(seed, run, cards, lost, planned) { DayStart = dayEnd.AddHours(-10), DayEnd = dayEnd };
    }

    /// <summary>The seed files' operator of a city's category (seeds/{city}.json): LZ-BUS, ZG-SCENICSITE …</summary>
    private static string Operator(City city, Category category) => $"{city}-{category}".ToUpperInvariant();

    private static (Category Mode, RideBody Ride) RideIn(City city, Category mode, DateTimeOffset at, Random random)
    {
        switch (mode)
        {
            case Category.Coach:
                var to = Cities.All.Where(c => c != city).ElementAt(random.Next(3));
                return (mode, new RideBody { FromStation = $"{city}-CS", ToStation = $"{to}-CS" });
            case Category.Rail when city == City.YB:
                var entry = random.Next(YibinRail.Length);
                var exit = (entry + 1 + random.Next(YibinRail.Length - 1)) % YibinRail.Length;
                return (mode, new RideBody { FromStation = YibinRail[entry], ToStation = YibinRail[exit], EndedAt = at.AddMinutes(20) });
            case Category.Bike when city != City.NJ:
                return (mode, new RideBody { EndedAt = at.AddMinutes(15 + random.Next(30)) });
            default:
                var routes = BusRoutes[city];
                return (Category.Bus, new RideBody { Route = routes[random.Next(routes.Length)] });
        }
    }

    private static (Category Category, int Weight, long MinFen, long MaxFen) Pick(Random random)
    {
        var roll = random.Next(Uses.Sum(u => u.Weight));
        foreach (var use in Uses)
        {
            if ((roll -= use.Weight) < 0)
            {
                return use;
            }
        }

        return Uses[0];
    }
}
