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
    [ResponseTimeout("00:02:00")] // reads every ride of up to 92 days in the city: beyond the clients' default timeout
    Task<PolicySimulationResult> Simulate(City city, string draft, DateOnly from, DateOnly to);
}
