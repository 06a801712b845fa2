namespace CityCard.Contracts;

/// <summary>
/// Fare policy simulation (decision 0062): a city's draft policy tried on the rides recorded in a period. Stateless,
/// and it writes nothing: it reads the rides and answers a report.
/// </summary>
[Alias("citycard.policy-simulation-grain")]
public interface IPolicySimulationGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Reprices every ride <paramref name="city"/> charged from <paramref name="from"/> to <paramref name="to"/> (CST
    /// dates, inclusive) under <paramref name="draft"/> (the city's whole policy file), beside what was charged.
    /// </summary>
    [Alias("simulate")]
    Task<PolicySimulationResult> Simulate(City city, string draft, DateOnly from, DateOnly to);
}
