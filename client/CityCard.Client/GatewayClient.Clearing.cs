using System.Globalization;
using System.Net.Http.Headers;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>
/// Clearing at a city's gateway: the windows and the projection's lag, the window commands (the region's clearing key),
/// settlements as JSON or CSV (the region's report for the clearing key; a city's own statement for its operations
/// key) and the city's trial balance.
/// </summary>
public sealed partial class GatewayClient
{
    public Task<GatewayResult<ClearingStatusResponse>> GetClearingStatusAsync(CancellationToken ct = default) =>
        GetAsync<ClearingStatusResponse>("v1/clearing/status", ct);

    public Task<GatewayResult<ClearingWindowsResponse>> GetWindowsAsync(CancellationToken ct = default) =>
        GetAsync<ClearingWindowsResponse>("v1/clearing/windows", ct);

    public Task<GatewayResult<WindowView>> GetWindowAsync(DateOnly window, CancellationToken ct = default) =>
        GetAsync<WindowView>(Window(window), ct);

    public Task<GatewayResult<ClearingOperationResponse>> CloseWindowAsync(DateOnly window, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<ClearingOperationResponse>($"{Window(window)}/close", new EmptyBody(), idempotencyKey, ct);

    public Task<GatewayResult<ClearingOperationResponse>> ConfirmSettlementAsync(DateOnly window, ConfirmSettlementBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<ClearingOperationResponse>($"{Window(window)}/confirm", body, idempotencyKey, ct);

    public Task<GatewayResult<ClearingOperationResponse>> AbortWindowAsync(DateOnly window, AbortWindowBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<ClearingOperationResponse>($"{Window(window)}/abort", body, idempotencyKey, ct);

    /// <summary>Releases a card held because its hash chain broke (the region's clearing key), once its stream verifies again.</summary>
    public Task<GatewayResult<ClearingOperationResponse>> ReleaseHeldCardAsync(string card, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<ClearingOperationResponse>($"v1/clearing/held-cards/{Uri.EscapeDataString(card)}/release", new EmptyBody(), idempotencyKey, ct);

    /// <summary>The region's settlement of a closed window: every city's position, dues, fees and payouts.</summary>
    public Task<GatewayResult<SettlementReport>> GetSettlementAsync(DateOnly window, CancellationToken ct = default) =>
        GetAsync<SettlementReport>($"{Window(window)}/settlement", ct);

    /// <summary>The gateway's city's own statement of a closed window: the report restricted to what concerns it.</summary>
    public Task<GatewayResult<SettlementReport>> GetStatementAsync(DateOnly window, CancellationToken ct = default) =>
        GetAsync<SettlementReport>($"{Window(window)}/statement", ct);

    /// <summary>The region's settlement as CSV, one measure per row.</summary>
    public Task<GatewayResult<string>> GetSettlementCsvAsync(DateOnly window, CancellationToken ct = default) =>
        GetCsvAsync($"{Window(window)}/settlement?format=csv", ct);

    /// <summary>The gateway's city's statement as CSV, one measure per row.</summary>
    public Task<GatewayResult<string>> GetStatementCsvAsync(DateOnly window, CancellationToken ct = default) =>
        GetCsvAsync($"{Window(window)}/statement?format=csv", ct);

    /// <summary>The gateway's city's ledger now, or as the postings recorded up to <paramref name="asOf"/> left it.</summary>
    public Task<GatewayResult<TrialBalance>> GetTrialBalanceAsync(DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        GetAsync<TrialBalance>($"v1/ledger/trial-balance{Query(("asOf", Moment(asOf)))}", ct);

    private async Task<GatewayResult<string>> GetCsvAsync(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeyHeader, ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode
            ? new(await response.Content.ReadAsStringAsync(ct), null, false)
            : new(null, await ProblemOfAsync(response, ct), false);
    }

    private static string Window(DateOnly window) => $"v1/clearing/windows/{window.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
