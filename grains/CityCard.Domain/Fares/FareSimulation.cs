using CityCard.Contracts;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Fares;

/// <summary>
/// Fare policy simulation (decision 0062): every recorded ride of the period priced again, in ride order, card by card,
/// with the same fare engine and the card's passes, under the city's tried version as if it had been in force from the
/// period's first day. A card's rides before the period count as recorded (its caps, transfers and free rides start
/// from them); its rides after it are not looked at. Pure: it reads what it is given and writes nothing.
///
/// Simulating the version in force over a period it covers reproduces every recorded fare exactly (a fare is what the
/// engine gives among the rides before it, whatever order the taps arrived in: decision 0006), except a reversed
/// ride's, which a later late tap could not adjust; the report counts those.
/// </summary>
public static class FareSimulation
{
    public const int MaxPeriodDays = 92;

    /// <summary>The default bucket edges of the riders' distribution, in fen, each side of "pays the same".</summary>
    public static IReadOnlyList<long> DefaultBucketEdges { get; } = [100, 200, 500, 1_000];

    public static SimulationOutcome Run(PolicyDraft draft, DateOnly from, DateOnly to, IEnumerable<SimulatedCard> cards, IReadOnlyList<long>? bucketEdges = null)
    {
        if (CheckPeriod(from, to) is { } refused)
        {
            return refused;
        }

        var trial = draft.TrialFrom(from);
        var priced = cards.SelectMany(card => Replay(card, from, to, trial)).ToList();
        return new SimulationOutcome.Reported(Report(draft, from, to, priced, bucketEdges ?? DefaultBucketEdges));
    }

    /// <summary>Why the period cannot be simulated, or null: asked before any ride is read, and again by <see cref="Run"/>.</summary>
    public static SimulationOutcome.Refused? CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return new SimulationOutcome.Refused(SimulationRefusal.PeriodBackwards, $"The period ends on {to:yyyy-MM-dd}, before it starts on {from:yyyy-MM-dd}.");
        }

        return to.DayNumber - from.DayNumber + 1 > MaxPeriodDays
            ? new SimulationOutcome.Refused(SimulationRefusal.PeriodTooLong, $"A simulation covers at most {MaxPeriodDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {to.DayNumber - from.DayNumber + 1}.")
            : null;
    }

    /// <summary>One ride of the period: who, the recorded fare, and the simulated one (null if the tried version cannot price it).</summary>
    private sealed record Priced(SimulatedCard Card, RecordedRide Ride, FareBreakdown? Simulated, FareQuote.Unpriceable? Unpriceable);

    private static IEnumerable<Priced> Replay(SimulatedCard card, DateOnly from, DateOnly to, PolicySet trial)
    {
        var memory = RideMemory.Empty;
        foreach (var ride in card.Rides.Order(RideOrderOf.Instance))
        {
            var day = ride.Tap.Day;
            if (day > to)
            {
                yield break;
            }

            if (day < from)
            {
                memory = memory.Add(RideRecord.Of(ride.Tap, ride.Fare));
                continue;
            }

            var quote = FareEngine.PriceRide(card.FareCard, ride.Tap, memory.Rides, trial, card.Passes);
            var simulated = (quote as FareQuote.Priced)?.Fare;

            // A ride the tried version cannot price still happened: later rides see it at its recorded fare.
            memory = memory.Add(RideRecord.Of(ride.Tap, simulated ?? ride.Fare));
            yield return new Priced(card, ride, simulated, quote as FareQuote.Unpriceable);
        }
    }

    private static SimulationReport Report(PolicyDraft draft, DateOnly from, DateOnly to, List<Priced> all, IReadOnlyList<long> edges)
    {
        var city = all.Where(p => p.Ride.Tap.City == draft.City).ToList();
        var priced = city.Where(p => p.Simulated is not null).ToList();
        var others = all.Where(p => p.Ride.Tap.City != draft.City && p.Simulated is not null).ToList();
        return new SimulationReport(
            draft.City,
            from,
            to,
            draft.TrialFrom(from).CityAt(draft.City, Start(from))!.Id,
            [.. city.Select(p => p.Ride.Fare.Policy).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Line("total", priced),
            priced.Count(p => p.Simulated!.Charged != p.Ride.Fare.Charged),
            Lines(priced, p => p.Ride.Tap.OperatorId),
            Lines(priced, p => p.Ride.Tap.Mode.ToString()),
            Lines(priced, p => p.Card.Product.ToString()),
            Riders(priced, edges),
            Step(priced, FareLineKind.Cap),
            Step(priced, FareLineKind.Transfer),
            Step(priced, FareLineKind.Pass),
            [.. city.Where(p => p.Unpriceable is not null)
                .GroupBy(p => p.Unpriceable!.Code)
                .OrderBy(g => g.Key)
                .Select(g => new UnpricedRides(g.Key, g.Count(), Sum(g.Select(p => p.Ride.Fare.Charged)), g.First().Unpriceable!.Detail))],
            city.Count(p => p.Ride.Reversed),
            Line("other cities", others));
    }

    private static RevenueLine Line(string key, IReadOnlyCollection<Priced> rides) =>
        new(key, rides.Count, Sum(rides.Select(p => p.Ride.Fare.Charged)), Sum(rides.Select(p => p.Simulated!.Charged)));

    private static List<RevenueLine> Lines(List<Priced> rides, Func<Priced, string> key) =>
        [.. rides.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Line(g.Key, g.ToList()))];

    /// <summary>Per card, what the period's rides in the city would cost more (or less) in all.</summary>
    private static RiderChanges Riders(List<Priced> rides, IReadOnlyList<long> edges)
    {
        var differences = rides.GroupBy(p => p.Card.Number)
            .Select(g => Sum(g.Select(p => p.Simulated!.Charged)) - Sum(g.Select(p => p.Ride.Fare.Charged)))
            .Select(m => m.Fen)
            .ToList();
        return new RiderChanges(
            differences.Count,
            differences.Count(d => d > 0),
            differences.Count(d => d < 0),
            differences.Count(d => d == 0),
            Money.FromFen(Math.Max(0, differences.DefaultIfEmpty().Max())),
            Money.FromFen(Math.Max(0, -differences.DefaultIfEmpty().Min())),
            [.. Buckets(edges).Select(b => b with { Riders = differences.Count(d => (b.From is null || d >= b.From) && (b.To is null || d <= b.To)) })]);
    }

    /// <summary>Symmetric buckets: "less by more than the last edge", …, "less by 1 to the first edge", "the same", "more by 1 to the first edge", ….</summary>
    private static List<DifferenceBucket> Buckets(IReadOnlyList<long> edges)
    {
        var sorted = edges.Where(e => e > 0).Distinct().Order().ToList();
        var buckets = new List<DifferenceBucket> { new(0, 0, 0) };
        long previous = 0;
        foreach (var edge in sorted)
        {
            buckets.Insert(0, new DifferenceBucket(-edge, -(previous + 1), 0));
            buckets.Add(new DifferenceBucket(previous + 1, edge, 0));
            previous = edge;
        }

        buckets.Insert(0, new DifferenceBucket(null, -(previous + 1), 0));
        buckets.Add(new DifferenceBucket(previous + 1, null, 0));
        return buckets;
    }

    /// <summary>Rides with a line of that kind, and what the lines took off (a pass: what it paid), recorded and simulated.</summary>
    private static StepCount Step(List<Priced> rides, FareLineKind kind)
    {
        static (int Count, Money Amount) Of(IEnumerable<FareBreakdown> fares, FareLineKind kind)
        {
            var lines = fares.Select(f => f.Lines.Where(l => l.Kind == kind).ToList()).Where(l => l.Count > 0).ToList();
            return (lines.Count, -Sum(lines.SelectMany(l => l).Select(l => l.Amount)));
        }

        var (recorded, recordedAmount) = Of(rides.Select(p => p.Ride.Fare), kind);
        var (simulated, simulatedAmount) = Of(rides.Select(p => p.Simulated!), kind);
        return new StepCount(recorded, simulated, recordedAmount, simulatedAmount);
    }

    private static DateTimeOffset Start(DateOnly day) => PassPeriods.Midnight(day);

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);

    /// <summary>Recorded rides in <see cref="RideOrder"/>.</summary>
    private sealed class RideOrderOf : IComparer<RecordedRide>
    {
        public static RideOrderOf Instance { get; } = new();

        public int Compare(RecordedRide? x, RecordedRide? y) => RideOrder.Instance.Compare(x?.Tap, y?.Tap);
    }
}
