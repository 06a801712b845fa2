using CityCard.Contracts;

namespace CityCard.Cli.Load;

public sealed record PlannedCard(City Issuer, string Card, string Product, long Deposit, long TopUp);

public sealed record PlannedTap(string Card, City Acquirer, Category Category, long Amount, string Merchant, string Terminal, long Sequence, DateTimeOffset TappedAt, bool Online);

/// <summary>
/// A region's day, drawn from one seed: the same seed gives the same cards, taps, keys and times (within the same
/// hour), so a run can be replayed, and replaying it against the same cluster shows every operation as a retry.
/// Most taps happen in the card's own city, the rest across cities; a few cards run low and a few are reported lost.
/// </summary>
public sealed record LoadPlan(int Seed, string Run, IReadOnlyList<PlannedCard> Cards, IReadOnlyList<string> LostCards, IReadOnlyList<PlannedTap> Taps)
{
    private static readonly (Category Category, int Weight, long MinFen, long MaxFen)[] Uses =
    [
        (Category.Bus, 50, 200, 200),
        (Category.Rail, 15, 300, 600),
        (Category.Bike, 8, 100, 150),
        (Category.Coach, 5, 1_500, 5_000),
        (Category.Retail, 14, 500, 8_000),
        (Category.Parking, 5, 500, 1_500),
        (Category.ScenicSite, 3, 2_000, 6_000),
    ];

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
                var card = CardNumber.Create(city, serialBase + i).Value;
                var low = random.Next(100) < 10;
                cards.Add(new PlannedCard(city, card, random.Next(100) < 80 ? "standard" : "student", 2_000, low ? 500 : random.Next(100, 301) * 100));
            }
        }

        var lost = cards.Where(_ => random.Next(100) < 2).Select(c => c.Card).ToList();
        var dayEnd = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);
        var drafts = new List<(PlannedCard Card, City Acquirer, Category Category, long Amount, int Terminal, DateTimeOffset At, bool Online)>();
        for (var i = 0; i < taps; i++)
        {
            var card = cards[random.Next(cards.Count)];
            var acquirer = random.Next(100) < 70 ? card.Issuer : Cities.All[random.Next(Cities.All.Count)];
            var use = Pick(random);
            var amount = use.MinFen + (random.NextInt64(0, (use.MaxFen - use.MinFen) / 50 + 1) * 50);
            var at = dayEnd.AddSeconds(-random.Next(60, 10 * 3600));
            drafts.Add((card, acquirer, use.Category, amount, random.Next(1, 11), at, random.Next(100) < onlinePercent));
        }

        // A terminal numbers its taps in the order it recorded them.
        var planned = drafts
            .GroupBy(d => (d.Acquirer, d.Category, d.Terminal))
            .SelectMany(g => g.OrderBy(d => d.At).Select((d, n) => new PlannedTap(
                d.Card.Card, d.Acquirer, d.Category, d.Amount, $"{d.Acquirer}-{d.Category}", $"{d.Acquirer}-{d.Category}-{d.Terminal:000}", n + 1, d.At, d.Online)))
            .OrderBy(t => t.TappedAt)
            .ToList();
        return new LoadPlan(seed, run, cards, lost, planned);
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
