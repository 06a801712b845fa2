namespace CityCard.Contracts;

/// <summary>
/// A city's registry of operators and terminals, over its own event stream (key: the city's code). Registered,
/// changed and suspended by the city's operations role; every change is an event naming who made it, so the registry
/// is replayed like a card. See docs/decisions/0090.
/// </summary>
[Alias("citycard.registry")]
public interface IRegistryGrain : IGrainWithStringKey
{
    [Alias("execute")]
    Task<RegistryResult> Execute(RegistryRequest request);

    [Alias("operators")]
    Task<IReadOnlyList<OperatorView>> Operators();

    [Alias("terminals")]
    Task<IReadOnlyList<TerminalView>> Terminals();

    /// <summary>What the gateway checks a terminal's own key and taps against; null when no such terminal.</summary>
    [Alias("credential")]
    Task<TerminalCredential?> Credential(string terminalId);

    /// <summary>At most <paramref name="limit"/> changes after version <paramref name="afterVersion"/>, oldest first.</summary>
    [Alias("history")]
    Task<IReadOnlyList<RegistryChange>> History(long afterVersion, int limit);
}
