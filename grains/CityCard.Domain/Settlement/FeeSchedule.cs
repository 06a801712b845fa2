using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>
/// Clearing fee rates per category, in integer basis points (1 bp = 0.01 %). The acquiring city pays the fee to the
/// issuing city on the fares of the issuer's cards (see docs/decisions/0011). A fee is computed once per window, issuer,
/// acquirer and category, on the gross (charges less reversals), and rounded half away from zero to the fen (四舍五入):
/// one rounding per line instead of one per tap, so a 2.00 fare at 30 bp does not round to nothing a million times.
/// </summary>
public sealed class FeeSchedule
{
    public const int BasisPoints = 10_000;

    /// <summary>No rate may exceed 10 %: a rate above that is a typo, not a policy.</summary>
    public const int MaxRateBps = 1_000;

    private readonly Dictionary<Category, int> rates;

    public FeeSchedule(IReadOnlyDictionary<Category, int> ratesBps, int defaultRateBps)
    {
        Check(defaultRateBps, "default");
        foreach (var (category, rate) in ratesBps)
        {
            if (!Enum.IsDefined(category))
            {
                throw new ArgumentOutOfRangeException(nameof(ratesBps), category, "Unknown category.");
            }

            Check(rate, category.ToString());
        }

        rates = new Dictionary<Category, int>(ratesBps);
        DefaultRateBps = defaultRateBps;
    }

    /// <summary>Transport 0.50 %, health free, everything else 0.80 %: example rates until the cities agree theirs.</summary>
    public static FeeSchedule Default { get; } = new(
        new Dictionary<Category, int>
        {
            [Category.Bus] = 50,
            [Category.Coach] = 50,
            [Category.Rail] = 50,
            [Category.Bike] = 50,
            [Category.Health] = 0,
        },
        defaultRateBps: 80);

    public static FeeSchedule None { get; } = new(new Dictionary<Category, int>(), 0);

    public int DefaultRateBps { get; }

    public int RateOf(Category category) => rates.TryGetValue(category, out var rate) ? rate : DefaultRateBps;

    public Money FeeOn(Money gross, Category category) => Apply(gross, RateOf(category));

    /// <summary>gross × rate / 10,000, rounded half away from zero; a negative gross (more reversed than charged) gives a negative fee.</summary>
    public static Money Apply(Money gross, int rateBps)
    {
        var product = checked(gross.Fen * rateBps);
        var quotient = product / BasisPoints;
        var remainder = product % BasisPoints;
        if (Math.Abs(remainder) * 2 >= BasisPoints)
        {
            quotient += Math.Sign(product);
        }

        return Money.FromFen(quotient);
    }

    private static void Check(int rate, string what)
    {
        if (rate is < 0 or > MaxRateBps)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"The {what} fee rate must be 0 to {MaxRateBps} basis points.");
        }
    }
}
