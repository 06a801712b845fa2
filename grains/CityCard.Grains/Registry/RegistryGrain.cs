using CityCard.Contracts;
using CityCard.Domain.Registry;
using Microsoft.Extensions.Logging;

namespace CityCard.Grains.Registry;

/// <summary>
/// A city's registry of operators and terminals (key: the city's code). Thin, in the one aggregate shape: load, let
/// the pure <see cref="RegistryDecider"/> decide, append with the expected version, fold. It keeps no history of its
/// own: <see cref="History"/> reads the stream. docs/decisions/0090.
/// </summary>
public sealed partial class RegistryGrain(IRegistryStore store, TimeProvider clock, ILogger<RegistryGrain> logger) : Grain, IRegistryGrain
{
    private const int MaxDecisionAttempts = 3;
    private const int MaxHistoryPage = 1_000;

    private RegistryState state = null!;

    private City City => Cities.TryParse(this.GetPrimaryKeyString(), out var city)
        ? city
        : throw new InvalidOperationException($"A registry is keyed by a city's code, not '{this.GetPrimaryKeyString()}'.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<RegistryResult> Execute(RegistryRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = state;
            switch (RegistryDecider.Decide(current, request, clock.GetUtcNow()))
            {
                case RegistryDecision.Reject reject:
                    return RegistryResult.Rejected(request.OperationId, reject.Code, reject.Detail);
                case RegistryDecision.Replay replay:
                    return Answer(current, request.OperationId, replay.Subject, isReplay: true);
                case RegistryDecision.Append append when await AppendAsync(current, append.Event):
                    return Answer(state, request.OperationId, RegistryEventTypes.SubjectOf(append.Event), isReplay: false);
                case RegistryDecision.Append when attempt < MaxDecisionAttempts:
                    LogVersionConflict(logger, City, current.Version);
                    await LoadAsync();
                    continue;
                default:
                    throw new InvalidOperationException($"Registry {City} kept losing the race to append after {attempt} attempts.");
            }
        }
    }

    public Task<IReadOnlyList<OperatorView>> Operators() =>
        Task.FromResult<IReadOnlyList<OperatorView>>([.. state.Operators.Values.Select(state.ToView)]);

    public Task<IReadOnlyList<TerminalView>> Terminals() =>
        Task.FromResult<IReadOnlyList<TerminalView>>([.. state.Terminals.Values.Select(state.ToView)]);

    public Task<TerminalCredential?> Credential(string terminalId) => Task.FromResult(state.Credential(terminalId));

    public async Task<IReadOnlyList<RegistryChange>> History(long afterVersion, int limit)
    {
        var events = await store.LoadAsync(City);
        return [.. events
            .Select((e, i) => new RegistryChange(i + 1, RegistryEventTypes.NameOf(e), RegistryEventTypes.SubjectOf(e), e.OperationId, e.Actor, e.RecordedAt))
            .Where(c => c.Version > afterVersion)
            .Take(Math.Clamp(limit, 1, MaxHistoryPage))];
    }

    private static RegistryResult Answer(RegistryState s, string operationId, string subject, bool isReplay)
    {
        var (kind, id) = (subject[..subject.IndexOf(':', StringComparison.Ordinal)], subject[(subject.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return new RegistryResult(
            operationId, OperationStatus.Accepted, null, null, kind == "operator" ? s.Operator(id) : null, kind == "terminal" ? s.Terminal(id) : null, isReplay);
    }

    private async Task<bool> AppendAsync(RegistryState current, RegistryEvent e)
    {
        var next = RegistryEvolver.Evolve(current, e);
        try
        {
            if (!await store.AppendAsync(City, current.Version, [e]))
            {
                return false;
            }
        }
        catch
        {
            // Whether it landed is unknown: forget the state, so the next call reloads the truth.
            DeactivateOnIdle();
            throw;
        }

        state = next;
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken = default) =>
        state = RegistryEvolver.Fold(RegistryState.Initial(City), await store.LoadAsync(City, cancellationToken));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {City} lost an append race at version {Version}; reloading and deciding again")]
    private static partial void LogVersionConflict(ILogger logger, City city, long version);
}
