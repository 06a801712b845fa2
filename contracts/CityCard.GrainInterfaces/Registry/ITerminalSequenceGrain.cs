namespace CityCard.Contracts;

/// <summary>
/// The sequence numbers a city's terminals used (key: the city's code): the gateways record each tap that reached a
/// card, and the daily terminal report reads them with the registry's terminals. See docs/decisions/0092.
/// </summary>
[Alias("citycard.terminal-sequences")]
public interface ITerminalSequenceGrain : IGrainWithStringKey
{
    [Alias("record")]
    Task Record(IReadOnlyList<TapSeen> taps);

    [Alias("report")]
    Task<TerminalDayReport> Report(DateOnly day);
}
