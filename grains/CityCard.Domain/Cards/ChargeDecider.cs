using CityCard.Contracts;
using CityCard.Domain.Fares;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Cards;

/// <summary>
/// What a tap or purchase does to a card. The order: the request's shape, the card is issued, the tap can be priced
/// (each a rejection that records nothing), then whether the tap is from before the card existed, the card's status
/// and its balance (each a refusal that is recorded, with the fare it would have cost), then the charge, and, for a
/// ride that arrived after later rides, their adjustments. The card's passes go to the fare engine with every tap: a
/// covered ride or entry costs 0 with a Pass line naming the pass (decision 0060).
/// </summary>
internal static class ChargeDecider
{
    public static CardDecision Charge(CardState s, ChargeRequest r, DateTimeOffset now, PolicySet policies)
    {
        if (RequestValidation.CheckTap(r, now) is { } shape)
        {
            return shape;
        }

        if (!s.IsIssued)
        {
            return CardDecider.NotIssued(s);
        }

        var card = new FareCard(s.Issuer, s.Product!.Value);
        var tap = new TapDetails(r.AcquirerCity, r.MerchantId, r.Category, r.TerminalId, r.TerminalSequence, r.TappedAt, r.Ride);
        return r.Ride is { } ride
            ? Ride(s, r, now, policies, card, tap, new RideTap(r.OperationId, r.AcquirerCity, r.Category, r.MerchantId, ride, r.TappedAt, r.TerminalId, r.TerminalSequence))
            : Purchase(s, r, now, policies, card, tap);
    }

    /// <summary>A purchase never takes the card below zero.</summary>
    private static CardDecision Purchase(CardState s, ChargeRequest r, DateTimeOffset now, PolicySet policies, FareCard card, TapDetails tap)
    {
        var quote = FareEngine.PricePurchase(card, r.AcquirerCity, r.Category, r.Amount, r.TappedAt, policies, s.Passes.Book.Passes);
        if (quote is not FareQuote.Priced { Fare: var fare })
        {
            return Unpriced(quote);
        }

        var refusal = BeforeIssue(s, r) ?? CardDecider.UnlessActive(s)?.Code ?? (s.Balance < fare.Charged ? RejectionCode.InsufficientBalance : null);
        return refusal is { } reason
            ? CardDecision.Of(new ChargeRefused(r.OperationId, now, fare.Charged, tap, reason, fare))
            : CardDecision.Of(new CardCharged(r.OperationId, now, fare.Charged, tap, fare));
    }

    private static CardDecision Ride(CardState s, ChargeRequest r, DateTimeOffset now, PolicySet policies, FareCard card, TapDetails tap, RideTap ride)
    {
        var earlier = s.Rides.Rides.Take(s.Rides.PositionOf(ride)).ToList();
        var quote = FareEngine.PriceRide(card, ride, earlier, policies, s.Passes.Book.Passes);
        if (quote is not FareQuote.Priced { Fare: var fare })
        {
            return Unpriced(quote);
        }

        var overdraft = policies.ProductAt(s.Issuer, card.Product, r.TappedAt)?.TransitOverdraft ?? Money.Zero;
        var refusal = BeforeIssue(s, r) ?? CardDecider.UnlessActive(s)?.Code ?? (CanPay(s.Balance, fare.Charged, overdraft) ? null : RejectionCode.InsufficientBalance);
        if (refusal is { } reason)
        {
            return CardDecision.Of(new ChargeRefused(r.OperationId, now, fare.Charged, tap, reason, fare));
        }

        var events = new List<CardEvent> { new CardCharged(r.OperationId, now, fare.Charged, tap, fare) };
        foreach (var change in LateTapRepricer.Reprice(card, s.Rides, RideRecord.Of(ride, fare), policies, s.Passes.Book.Passes))
        {
            var later = change.Ride.Tap;
            events.Add(new FareAdjusted(
                r.OperationId, now, later.OperationId, later.TappedAt, later.City, later.Mode, later.OperatorId,
                change.Ride.Fare, change.Fare.Charged, change.Fare,
                $"Priced again after the late tap of {r.TappedAt.ToChinaTime():yyyy-MM-dd HH:mm} CST"));
        }

        return new CardDecision.Append(events);
    }

    /// <summary>
    /// A tap dated before the card existed, beyond the skew a terminal's clock may have, is a clock error or a forgery:
    /// refused and recorded (it shows among the card's refused taps), never charged, and no ride for later fares.
    /// </summary>
    private static RejectionCode? BeforeIssue(CardState s, ChargeRequest r) =>
        s.IssuedAt is { } issued && r.TappedAt < issued - CardLimits.TapClockSkew ? RejectionCode.TapBeforeIssue : null;

    /// <summary>
    /// A ride is paid from the balance, or, if the balance is above zero, may take it down to minus the product's
    /// overdraft (one negative ride, as Octopus allows). A free or fully capped ride always passes.
    /// </summary>
    public static bool CanPay(Money balance, Money fare, Money overdraft) =>
        !fare.IsPositive || fare <= balance || (balance.IsPositive && balance - fare >= -overdraft);

    private static CardDecision.Reject Unpriced(FareQuote quote) =>
        quote is FareQuote.Unpriceable u ? new CardDecision.Reject(u.Code, u.Detail) : throw new InvalidOperationException("A priced quote is not a rejection.");
}
