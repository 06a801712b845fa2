using CityCard.Contracts;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>
/// Prices one tap: pure, from the card, the rides priced before it (in <see cref="RideOrder"/>), the tap, and the
/// policy versions in force at the tap's own time. The steps are always, in order: base fare, concession, transfer
/// discount, caps, and last a pass: when one of the card's passes covers the ride, it pays what the steps before left,
/// so the ride costs 0 and the pass line says what it would have cost. Each step works on what the one before left;
/// each line names the policy version and rule.
/// </summary>
public static class FareEngine
{
    public static FareQuote PriceRide(FareCard card, RideTap tap, IReadOnlyList<RideRecord> earlier, PolicySet policies) =>
        PriceRide(card, tap, earlier, policies, []);

    /// <summary>
    /// A ride priced with the passes the card holds. A ride no pass covers is priced exactly as without them (among the
    /// same earlier rides, whose covered fares count 0 toward the caps: caps count only what was paid).
    /// </summary>
    public static FareQuote PriceRide(FareCard card, RideTap tap, IReadOnlyList<RideRecord> earlier, PolicySet policies, IReadOnlyList<HeldPass> passes)
    {
        if (policies.CityAt(tap.City, tap.TappedAt) is not { } version || policies.RegionAt(tap.TappedAt) is not { } region)
        {
            return NoPolicy(tap.City, tap.TappedAt);
        }

        var (baseLine, error) = BaseFares.Of(version, tap);
        if (baseLine is null)
        {
            return error!;
        }

        var lines = new List<FareLine> { baseLine };
        var concession = ConcessionStep.Apply(version, card, tap, baseLine.Amount, earlier);
        AddIf(lines, concession.Line);
        var transfer = TransferStep.Apply(version, tap, Total(lines), earlier);
        AddIf(lines, transfer);
        AddIf(lines, CapStep.Apply(version, region, tap, Total(lines), earlier));
        AddIf(lines, PassStep(passes, tap.City, tap.Mode, tap.TappedAt, Total(lines), earlier));

        return new FareQuote.Priced(Breakdown(
            version.Id, lines, version.Caps.Modes.Contains(tap.Mode), isTransfer: transfer is not null, concession.FreeRideOf));
    }

    /// <summary>
    /// A purchase takes the merchant's amount, less the best category discount the policy gives the card's product
    /// (local cards only unless the discount says otherwise). Purchases are not capped and not transfers.
    /// </summary>
    public static FareQuote PricePurchase(FareCard card, City city, Category category, Money amount, DateTimeOffset tappedAt, PolicySet policies) =>
        PricePurchase(card, city, category, amount, tappedAt, policies, []);

    /// <summary>A purchase priced with the card's passes: an entry a pass covers (a scenic site, a park) costs 0, after the discount.</summary>
    public static FareQuote PricePurchase(
        FareCard card, City city, Category category, Money amount, DateTimeOffset tappedAt, PolicySet policies, IReadOnlyList<HeldPass> passes)
    {
        if (policies.CityAt(city, tappedAt) is not { } version)
        {
            return NoPolicy(city, tappedAt);
        }

        var lines = new List<FareLine> { new(FareLineKind.Base, amount, version.Id, $"merchant amount ({category})") };
        var best = version.MerchantDiscounts
            .Where(d => d.Categories.Contains(category) && d.Products.Contains(card.Product) && (card.IsLocalTo(city) || d.AppliesToOtherCitiesCards))
            .Select(d => (Discount: d, Reduction: FareMath.ShareOf(amount, d.BasisPointsOff)))
            .Where(x => x.Reduction.IsPositive)
            .OrderByDescending(x => x.Reduction)
            .FirstOrDefault();
        if (best.Discount is { } discount)
        {
            lines.Add(new FareLine(FareLineKind.Concession, -best.Reduction, version.Id, $"merchantDiscounts.{discount.Id} ({discount.BasisPointsOff} bp off)"));
        }

        AddIf(lines, PassStep(passes, city, category, tappedAt, Total(lines), []));

        return new FareQuote.Priced(Breakdown(version.Id, lines, countsTowardCaps: false, isTransfer: false, freeRideOf: null));
    }

    /// <summary>The pass line, when a pass covers the tap: it pays all that is left, never more, so no fare goes below 0.</summary>
    private static FareLine? PassStep(IReadOnlyList<HeldPass> passes, City city, Category category, DateTimeOffset at, Money fare, IReadOnlyList<RideRecord> earlier) =>
        passes.Count > 0 && PassCoverage.Choose(passes, city, category, at, earlier) is { } choice ? PassLines.Cover(choice.Pass, fare) : null;

    private static FareBreakdown Breakdown(string policy, List<FareLine> lines, bool countsTowardCaps, bool isTransfer, string? freeRideOf) =>
        new(
            policy,
            Amount(lines, FareLineKind.Base),
            -Amount(lines, FareLineKind.Concession),
            -Amount(lines, FareLineKind.Transfer),
            -Amount(lines, FareLineKind.Cap),
            Total(lines),
            lines,
            countsTowardCaps,
            isTransfer,
            freeRideOf);

    // A loop, not Where(…).Aggregate(…): every fare is priced with these, and the iterator and closure were a few per cent
    // of what a tap allocates (issue 9, sixth round).
    private static Money Amount(List<FareLine> lines, FareLineKind kind)
    {
        var sum = Money.Zero;
        foreach (var line in lines)
        {
            if (line.Kind == kind)
            {
                sum += line.Amount;
            }
        }

        return sum;
    }

    private static Money Total(List<FareLine> lines) => lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);

    private static void AddIf(List<FareLine> lines, FareLine? line)
    {
        if (line is not null)
        {
            lines.Add(line);
        }
    }

    private static FareQuote.Unpriceable NoPolicy(City city, DateTimeOffset at) =>
        new(RejectionCode.NoPolicyInForce, $"No policy of {city} (or of the region) is in force on {ChinaTime.DateOf(at):yyyy-MM-dd}.");
}
