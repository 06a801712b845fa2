using CsCheck;

namespace CityCard.Domain.Tests.Properties;

/// <summary>Runs random sequences with a property checked after every step. CsCheck prints the seed of a failure.</summary>
public static class Sequences
{
    /// <summary>Enough to find a rare interleaving, small enough to keep the project fast on two cores.</summary>
    public const int Iterations = 1_500;

    public static void EveryStep(Action<StepOutcome> property) =>
        OperationSequences.Scenario.Sample((start, steps) => SequenceRunner.Run(start, steps, property), iter: Iterations);
}
