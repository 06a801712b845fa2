namespace CityCard.Contracts;

/// <summary>
/// What a fare policy simulation found, beside what was charged: the city's rides of the period priced again under
/// the tried version, by operator, mode and card product; how many riders would pay more or less and by how much;
/// the caps reached and the transfers granted; the rides the draft cannot price. Amounts in fen. Worked out by the
/// pure <c>FareSimulation</c> (decision 0062) and carried as it is to the gateway and the CLI.
/// </summary>
/// <param name="Tried">The version tried, as its breakdowns would name it: the draft's newest, dated from the period's first day.</param>
/// <param name="Recorded">The versions of the city that priced the recorded rides of the period.</param>
/// <param name="ChangedRides">Rides of the city whose fare the tried version changes (0 when it reproduces every fare).</param>
/// <param name="Reversed">Rides whose charge an operator reversed: their recorded fare was frozen and may differ from any repricing.</param>
/// <param name="OtherCities">The same cards' rides in the other cities in the period: the regional cap ties them to this city's fares.</param>
[GenerateSerializer, Immutable, Alias("citycard.simulation-report")]
public sealed record SimulationReport(
    City City,
    DateOnly From,
    DateOnly To,
    string Tried,
    IReadOnlyList<string> Recorded,
    RevenueLine Total,
    int ChangedRides,
    IReadOnlyList<RevenueLine> ByOperator,
    IReadOnlyList<RevenueLine> ByMode,
    IReadOnlyList<RevenueLine> ByProduct,
    RiderChanges Riders,
    StepCount CapHits,
    StepCount Transfers,
    StepCount PassCovered,
    IReadOnlyList<UnpricedRides> Unpriced,
    int Reversed,
    RevenueLine OtherCities);

/// <summary>Rides, what they were charged, and what they would be charged under the tried version.</summary>
[GenerateSerializer, Immutable, Alias("citycard.revenue-line")]
public sealed record RevenueLine(string Key, int Rides, Money Recorded, Money Simulated)
{
    public Money Difference => Simulated - Recorded;
}

/// <summary>
/// Riders (cards) with a priced ride in the city in the period, by what the period would cost them more (or less)
/// in all, and that difference's distribution in buckets of fen.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.rider-changes")]
public sealed record RiderChanges(int Riders, int PayMore, int PayLess, int PaySame, Money LargestIncrease, Money LargestDecrease, IReadOnlyList<DifferenceBucket> Distribution);

/// <summary>Riders whose difference lies in [<see cref="From"/>, <see cref="To"/>] fen (null: unbounded).</summary>
[GenerateSerializer, Immutable, Alias("citycard.difference-bucket")]
public sealed record DifferenceBucket(long? From, long? To, int Riders);

/// <summary>How many rides a step of the fare applied to, and the amount it took off, recorded and simulated.</summary>
[GenerateSerializer, Immutable, Alias("citycard.step-count")]
public sealed record StepCount(int Recorded, int Simulated, Money RecordedAmount, Money SimulatedAmount);

/// <summary>Rides the tried version cannot price (a route or station it dropped, a mode it no longer runs), by reason.</summary>
[GenerateSerializer, Immutable, Alias("citycard.unpriced-rides")]
public sealed record UnpricedRides(RejectionCode Code, int Rides, Money Recorded, string Example);
