using CityCard.Domain.Settlement;
using CityCard.Domain.Tests.Simulation;
using CsCheck;

namespace CityCard.Domain.Tests.Properties;

/// <summary>
/// A random region run to the end: a few thousand card events across the four cities, projected with late commits and
/// rolled-back sequence numbers, every window closed and settled (some aborted first). A failing property prints the
/// CsCheck seed that replays it: pass it as <c>seed:</c> to <see cref="Check"/>.
/// </summary>
public sealed record SimulatedRegion(SimulatedHistory History, ClearingDriver Clearing)
{
    public const int EventsPerHistory = 2_500;
    public const int Histories = 12;

    private static readonly ClearingPolicy Policy = ClearingPolicy.Default with
    {
        AutoCloseAfter = null,
        MaxGapRanges = 40,
    };

    public static Gen<SimulatedRegion> Gen { get; } = CsCheck.Gen.Int[1, int.MaxValue].Select(Run);

    public static void Check(Action<SimulatedRegion> property, string? seed = null) =>
        Gen.Sample(property, seed: seed, iter: Histories, threads: 1, print: r => $"{r.History.Appends.Count} appends, {r.Clearing.Entries.Count} entries");

    private static SimulatedRegion Run(int seed)
    {
        var history = new HistoryGenerator(seed).Generate(EventsPerHistory);
        var clearing = new ClearingDriver(history, Policy, seed);
        clearing.Run(TimeSpan.FromMinutes(7), batch: 60);
        return new SimulatedRegion(history, clearing);
    }
}
