using CityCard.Contracts;
using CityCard.Domain.Registry;
using Orleans.Concurrency;

namespace CityCard.Grains.Registry;

/// <summary>
/// A city's terminal sequence numbers: records what the gateways saw (stateless, so many run at once) and builds the
/// daily terminal report with the pure <see cref="SequenceContinuity"/> and the city's registry. docs/decisions/0092.
/// </summary>
[StatelessWorker]
public sealed class TerminalSequenceGrain(TerminalSequenceStore store) : Grain, ITerminalSequenceGrain
{
    /// <summary>At most this many taps in one call: a terminal batch's records.</summary>
    public const int MaxTaps = 10_000;

    private City City => Cities.TryParse(this.GetPrimaryKeyString(), out var city)
        ? city
        : throw new InvalidOperationException($"Terminal sequences are keyed by a city's code, not '{this.GetPrimaryKeyString()}'.");

    public Task Record(IReadOnlyList<TapSeen> taps) => taps.Count switch
    {
        0 => Task.CompletedTask,
        > MaxTaps => throw new ArgumentOutOfRangeException(nameof(taps), taps.Count, $"At most {MaxTaps} taps a call."),
        _ => store.RecordAsync(City, taps),
    };

    public async Task<TerminalDayReport> Report(DateOnly day)
    {
        var terminals = await GrainFactory.GetGrain<IRegistryGrain>(City.ToString()).Terminals();
        var active = terminals.Where(t => t.Status == TerminalStatus.Active).Select(t => t.TerminalId);
        return SequenceContinuity.Report(City, day, await store.ForDayAsync(City, day), active);
    }
}
