using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>A simulation's report, or why it was not run (nothing is ever written either way).</summary>
public abstract record SimulationOutcome
{
    private SimulationOutcome()
    {
    }

    public sealed record Reported(SimulationReport Report) : SimulationOutcome;

    public sealed record Refused(SimulationRefusal Code, string Detail) : SimulationOutcome;
}

public enum SimulationRefusal
{
    /// <summary>The period ends before it starts.</summary>
    PeriodBackwards = 1,

    /// <summary>The period is longer than <see cref="FareSimulation.MaxPeriodDays"/>.</summary>
    PeriodTooLong = 2,
}
