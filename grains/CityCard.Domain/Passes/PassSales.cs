using CityCard.Contracts;
using CityCard.Domain.Fares;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Passes;

/// <summary>
/// Selling a pass to a card, purely. The pass is paid from the card's balance (decision 0060), at the price of the
/// card's product under the version in force when the pass starts (a calendar month's first day) or when it is sold.
/// The money goes to the pass's issuer: the city whose policy defines it, or the card's own city for a regional pass.
/// </summary>
public static class PassSales
{
    public static PassDecision<HeldPass> Sell(PolicySet policies, CardNumber card, ProductCode product, Money balance, PassBook held, PassSaleRequest request)
    {
        var saleDay = ChinaTime.DateOf(request.At);
        var termsDay = request.Month is { } month ? PassPeriods.FirstDayOfMonth(month) : saleDay;
        if (policies.PassOn(request.DefinedBy, request.Product, termsDay) is not { } pass)
        {
            return Refuse(PassRejection.UnknownPassProduct, $"{request.DefinedBy?.ToString() ?? "The region"} sells no pass '{request.Product}' on {termsDay:yyyy-MM-dd}.");
        }

        if (Start(pass, request, saleDay) is { } badStart)
        {
            return badStart;
        }

        var fareCard = new FareCard(card.Issuer, product);
        if (pass.PriceFor(fareCard) is not { } price)
        {
            return Refuse(PassRejection.PassNotForProduct, $"{pass.Policy} sells {pass.Id} to no {product} card of {card.Issuer}.");
        }

        var sold = new HeldPass(
            request.PassId,
            card,
            pass.City ?? card.Issuer,
            pass.Terms,
            product,
            price.Price,
            request.At,
            pass.Validity == PassValidity.CalendarMonth ? PassPeriods.Midnight(termsDay) : request.At);
        if (Conflict(held, sold, request.At) is { } conflict)
        {
            return conflict;
        }

        return balance < price.Price
            ? Refuse(PassRejection.InsufficientBalance, $"The pass costs {price.Price}; the balance is {balance}.")
            : new PassDecision<HeldPass>.Accepted(sold);
    }

    /// <summary>A calendar-month pass names the current month or the next; no other pass names a month.</summary>
    private static PassDecision<HeldPass>? Start(PassProduct pass, PassSaleRequest request, DateOnly saleDay)
    {
        if (pass.Validity != PassValidity.CalendarMonth)
        {
            return request.Month is null ? null : Refuse(PassRejection.InvalidPassStart, $"{pass.Id} starts on its {(pass.Validity == PassValidity.DaysFromSale ? "sale" : "first use")}, not on a month.");
        }

        var thisMonth = PassPeriods.FirstDayOfMonth(saleDay);
        return request.Month is { } m && (PassPeriods.FirstDayOfMonth(m) == thisMonth || PassPeriods.FirstDayOfMonth(m) == thisMonth.AddMonths(1))
            ? null
            : Refuse(PassRejection.InvalidPassStart, $"{pass.Id} is sold for {thisMonth:yyyy-MM} or {thisMonth.AddMonths(1):yyyy-MM}; name one of them.");
    }

    private static PassDecision<HeldPass>? Conflict(PassBook held, HeldPass sold, DateTimeOffset at)
    {
        var current = held.NotOverAt(at).Where(p => !p.IsRefunded).ToList();
        if (current.Count >= PassLimits.MaxHeldPasses)
        {
            return Refuse(PassRejection.TooManyPasses, $"The card holds {current.Count} passes that are not over; at most {PassLimits.MaxHeldPasses}.");
        }

        foreach (var other in current)
        {
            var sameProduct = (other.Terms.Owner, other.Terms.Product) == (sold.Terms.Owner, sold.Terms.Product);
            if (sameProduct && !sold.Terms.StartsAtFirstUse && Overlap(other, sold))
            {
                return Refuse(PassRejection.PassAlreadyHeld, $"The card already holds {other.Terms.Product} ({other.PassId}) for that time.");
            }

            // Two first-use passes waiting for the same rides could each start on them, and which one a late tap starts
            // could then change: a card waits for one first use at a time.
            if (sold.Terms.StartsAtFirstUse && other.Terms.StartsAtFirstUse && other.FirstUsedAt is null && SharesServices(other.Terms, sold.Terms))
            {
                return Refuse(PassRejection.PassAlreadyHeld, $"The card holds {other.Terms.Product} ({other.PassId}), not yet used; buy another once it has started.");
            }
        }

        return null;
    }

    private static bool Overlap(HeldPass a, HeldPass b)
    {
        var (aFrom, aTo) = (a.ValidFrom, PassPeriods.EndOf(a));
        var (bFrom, bTo) = (b.ValidFrom, PassPeriods.EndOf(b));
        return aFrom < bTo && bFrom < aTo;
    }

    private static bool SharesServices(PassTerms a, PassTerms b) =>
        a.Cities.Intersect(b.Cities).Any() && (a.Modes.Intersect(b.Modes).Any() || a.Categories.Intersect(b.Categories).Any());

    private static PassDecision<HeldPass>.Refused Refuse(PassRejection code, string detail) => new(code, detail);
}
