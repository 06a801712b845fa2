using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>A city's registry of operators and terminals through its gateway (its operations key; the clearing key reads).</summary>
public sealed partial class GatewayClient
{
    public Task<GatewayResult<OperatorView>> RegisterOperatorAsync(RegisterOperatorBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<OperatorView>("v1/operators", body, idempotencyKey, ct);

    public Task<GatewayResult<OperatorView>> ChangeOperatorAsync(string operatorId, ChangeOperatorBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<OperatorView>($"{Operator(operatorId)}/change", body, idempotencyKey, ct);

    /// <param name="action">suspend or reinstate.</param>
    public Task<GatewayResult<OperatorView>> SetOperatorStatusAsync(string operatorId, string action, RegistryStatusBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<OperatorView>($"{Operator(operatorId)}/{action}", body, idempotencyKey, ct);

    public Task<GatewayResult<OperatorView>> GetOperatorAsync(string operatorId, CancellationToken ct = default) =>
        GetAsync<OperatorView>(Operator(operatorId), ct);

    public Task<GatewayResult<OperatorList>> ListOperatorsAsync(CancellationToken ct = default) =>
        GetAsync<OperatorList>("v1/operators", ct);

    /// <summary>The answer carries the terminal's key, this once (null on a replay: rotate if it was lost).</summary>
    public Task<GatewayResult<TerminalKeyIssued>> RegisterTerminalAsync(RegisterTerminalBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<TerminalKeyIssued>("v1/terminals", body, idempotencyKey, ct);

    public Task<GatewayResult<TerminalKeyIssued>> RotateTerminalKeyAsync(string terminalId, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<TerminalKeyIssued>($"{Terminal(terminalId)}/rotate-key", new EmptyBody(), idempotencyKey, ct);

    /// <param name="action">suspend, reinstate or retire.</param>
    public Task<GatewayResult<TerminalView>> SetTerminalStatusAsync(string terminalId, string action, RegistryStatusBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<TerminalView>($"{Terminal(terminalId)}/{action}", body, idempotencyKey, ct);

    public Task<GatewayResult<TerminalView>> GetTerminalAsync(string terminalId, CancellationToken ct = default) =>
        GetAsync<TerminalView>(Terminal(terminalId), ct);

    public Task<GatewayResult<TerminalList>> ListTerminalsAsync(CancellationToken ct = default) =>
        GetAsync<TerminalList>("v1/terminals", ct);

    public Task<GatewayResult<RegistryHistory>> RegistryHistoryAsync(long? after = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<RegistryHistory>($"v1/registry/history{Query(("after", Number(after)), ("limit", Number(limit)))}", ct);

    /// <summary>The daily terminal report of the gateway's city for <paramref name="day"/> (China time).</summary>
    public Task<GatewayResult<TerminalDayReport>> TerminalReportAsync(DateOnly day, CancellationToken ct = default) =>
        GetAsync<TerminalDayReport>($"v1/terminal-reports/{day:yyyy-MM-dd}", ct);

    private static string Operator(string operatorId) => $"v1/operators/{Uri.EscapeDataString(operatorId)}";

    private static string Terminal(string terminalId) => $"v1/terminals/{Uri.EscapeDataString(terminalId)}";
}
