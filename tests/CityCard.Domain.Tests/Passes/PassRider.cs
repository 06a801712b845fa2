using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// A card's rides and passes run the way the card decider will run them once passes are wired in: each tap priced
/// among the rides before it with the passes the card holds; the later rides priced again in order when it arrives
/// late (decision 0006); then the ride remembered and the pass book told what the pass covered, as evolving the charge
/// and its adjustments will. Pure domain calls only: this is the wiring step's reference.
/// </summary>
public sealed class PassRider(FareCard card, PassBook passes, PolicySet? policies = null)
{
    private readonly PolicySet policies = policies ?? RepoPolicies.Set;

    public FareCard Card { get; } = card;

    public PassBook Passes { get; private set; } = passes;

    public RideMemory Memory { get; private set; } = RideMemory.Empty;

    /// <summary>Every ride's final fare: its charge, then its latest adjustment.</summary>
    public Dictionary<string, (RideTap Tap, FareBreakdown Fare)> Final { get; } = new(StringComparer.Ordinal);

    /// <summary>The adjustments made, in order: the ride, its fare before and its new breakdown.</summary>
    public List<(string Ride, Money Before, FareBreakdown After)> Adjustments { get; } = [];

    public Money Paid => Final.Values.Aggregate(Money.Zero, (sum, r) => sum + r.Fare.Charged);

    public FareBreakdown Ride(RideTap tap)
    {
        var earlier = Memory.Rides.Take(Memory.PositionOf(tap)).ToList();
        var fare = FareEngine.PriceRide(Card, tap, earlier, policies, Passes.Passes) switch
        {
            FareQuote.Priced p => p.Fare,
            var other => throw new InvalidOperationException($"{tap.OperationId} cannot be priced: {other}"),
        };
        var changes = LateTapRepricer.Reprice(Card, Memory, RideRecord.Of(tap, fare), policies, Passes.Passes);

        Memory = Memory.Add(RideRecord.Of(tap, fare));
        Passes = Passes.Charged(fare, tap.TappedAt, isEntry: false);
        Final[tap.OperationId] = (tap, fare);
        foreach (var change in changes)
        {
            Memory = Memory.Reprice(change.Ride.Tap.OperationId, change.Fare);
            Passes = Passes.Adjusted(change.Fare, change.Ride.Tap.TappedAt);
            Adjustments.Add((change.Ride.Tap.OperationId, change.Ride.Fare, change.Fare));
            Final[change.Ride.Tap.OperationId] = (change.Ride.Tap, change.Fare);
        }

        return fare;
    }

    public PassRider RideAll(IEnumerable<RideTap> taps)
    {
        foreach (var tap in taps)
        {
            Ride(tap);
        }

        return this;
    }

    /// <summary>A purchase (a scenic site, a park): priced with the passes, never priced again; an entry a pass covers is counted.</summary>
    public FareBreakdown Enter(City city, Category category, string merchant, Money amount, DateTimeOffset at)
    {
        var fare = Assert.IsType<FareQuote.Priced>(FareEngine.PricePurchase(Card, city, category, amount, at, policies, Passes.Passes)).Fare;
        Passes = Passes.Charged(fare, at, isEntry: true);
        return fare;
    }

    /// <summary>The covered uses the final breakdowns record: what the apportionment reads.</summary>
    public IReadOnlyList<PassUse> Uses => Final.Values.Select(r => PassUse.Of(r.Tap, r.Fare)).OfType<PassUse>().ToList();
}
