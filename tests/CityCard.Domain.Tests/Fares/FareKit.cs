using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;

namespace CityCard.Domain.Tests.Fares;

/// <summary>Cards, taps and a way to run them through the decider, so each fare test reads as its story.</summary>
public static class FareKit
{
    /// <summary>A day in the middle of the repository's policies (LZ's second version starts 2026-11-20).</summary>
    public static readonly DateOnly Day = new(2026, 11, 25);

    /// <summary>The clock the decider is given: after every tap the tests make, within the 31 days a tap may be late.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, ChinaTime.Offset);

    private static long sequence;

    /// <summary>A CST instant: <paramref name="time"/> ("HH:mm") on <paramref name="day"/> (default <see cref="Day"/>).</summary>
    public static DateTimeOffset At(string time, DateOnly? day = null) =>
        new((day ?? Day).ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), ChinaTime.Offset);

    /// <summary>An issued card with plenty of money on it.</summary>
    public static CardState Card(City issuer, string product = "standard", long balanceFen = 1_000_000)
    {
        var number = CardNumber.Create(issuer, Interlocked.Increment(ref sequence));
        var issued = new CardIssued("issue", Now.AddDays(-60), number, issuer, ProductCode.Parse(product), Money.Zero);
        return CardEvolver.Evolve(CardState.Initial(number), issued) with { Balance = Money.FromFen(balanceFen) };
    }

    public static ChargeRequest Bus(City city, string route, DateTimeOffset at) => Ride(city, Category.Bus, RideDetails.Bus(route), at);

    public static ChargeRequest Coach(City city, string from, string to, DateTimeOffset at) => Ride(city, Category.Coach, RideDetails.Coach(from, to), at);

    public static ChargeRequest Rail(City city, string from, string to, DateTimeOffset at, int minutes = 20) =>
        Ride(city, Category.Rail, RideDetails.Rail(from, to, at.AddMinutes(minutes)), at);

    public static ChargeRequest Bike(City city, DateTimeOffset at, int minutes) => Ride(city, Category.Bike, RideDetails.Bike(at.AddMinutes(minutes)), at);

    public static ChargeRequest Ride(City city, Category mode, RideDetails ride, DateTimeOffset at)
    {
        var n = Interlocked.Increment(ref sequence);
        return ChargeRequest.ForRide($"tap-{n}", city, $"{city}-{mode}", mode, $"{city}-T{n % 7}", n, at, ride);
    }

    public static ChargeRequest Purchase(City city, Category category, long fen, DateTimeOffset at)
    {
        var n = Interlocked.Increment(ref sequence);
        return ChargeRequest.ForPurchase($"buy-{n}", Money.FromFen(fen), city, $"{city}-SHOP", category, $"{city}-S1", n, at);
    }

    public static CardDecision Decide(CardState card, CardRequest request, PolicySet? policies = null) =>
        CardDecider.Decide(card, request, Now, policies ?? RepoPolicies.Set);

    /// <summary>Runs requests in order; each must be appended (accepted or a recorded refusal). Returns the card and every event.</summary>
    public static (CardState Card, List<CardEvent> Events) Run(CardState card, IEnumerable<CardRequest> requests, PolicySet? policies = null)
    {
        var events = new List<CardEvent>();
        foreach (var request in requests)
        {
            var decision = Decide(card, request, policies);
            if (decision is not CardDecision.Append append)
            {
                throw new InvalidOperationException($"{request.OperationId} was not appended: {decision}");
            }

            card = CardEvolver.Fold(card, append.Events);
            events.AddRange(append.Events);
        }

        return (card, events);
    }

    /// <summary>The one charge event a single tap produced.</summary>
    public static CardCharged Charged(CardState card, ChargeRequest tap, PolicySet? policies = null) =>
        Decide(card, tap, policies) is CardDecision.Append { Events: [CardCharged charged] }
            ? charged
            : throw new InvalidOperationException($"{tap.OperationId} was not simply charged: {Decide(card, tap, policies)}");

    /// <summary>What each ride finally cost, by operation id: its charge, then its latest adjustment.</summary>
    public static Dictionary<string, (Money Fare, FareBreakdown Breakdown)> FinalFares(IEnumerable<CardEvent> events)
    {
        var fares = new Dictionary<string, (Money Fare, FareBreakdown Breakdown)>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case CardCharged { Fare: { } fare } c:
                    fares[c.OperationId] = (c.Amount, fare);
                    break;
                case FareAdjusted a:
                    if (fares[a.ChargeOperationId].Fare != a.FareBefore)
                    {
                        throw new InvalidOperationException($"Adjustment of {a.ChargeOperationId} starts from {a.FareBefore}, not from its fare {fares[a.ChargeOperationId].Fare}.");
                    }

                    fares[a.ChargeOperationId] = (a.FareAfter, a.Fare);
                    break;
            }
        }

        return fares;
    }
}
