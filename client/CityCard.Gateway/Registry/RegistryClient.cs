using CityCard.Contracts;

namespace CityCard.Gateway.Registry;

/// <summary>Typed access to a city's registry grain (keyed by the city's code) over the Orleans cluster client.</summary>
public sealed class RegistryClient(IClusterClient cluster)
{
    public Task<RegistryResult> ExecuteAsync(City city, RegistryRequest request) => Registry(city).Execute(request);

    public Task<IReadOnlyList<OperatorView>> OperatorsAsync(City city) => Registry(city).Operators();

    public Task<IReadOnlyList<TerminalView>> TerminalsAsync(City city) => Registry(city).Terminals();

    public Task<TerminalCredential?> CredentialAsync(City city, string terminalId) => Registry(city).Credential(terminalId);

    public Task<IReadOnlyList<RegistryChange>> HistoryAsync(City city, long afterVersion, int limit) => Registry(city).History(afterVersion, limit);

    private IRegistryGrain Registry(City city) => cluster.GetGrain<IRegistryGrain>(city.ToString());
}
