using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>
/// Typed access to one city's gateway over HTTP, with one API key. Every mutating call takes the Idempotency-Key to
/// send: reuse it to retry safely. Problems come back as values (<see cref="GatewayResult{T}.Problem"/>), not
/// exceptions; only a transport failure throws. Disputes and verification are in the other parts of this class.
/// </summary>
public sealed partial class GatewayClient
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Public so callers printing a response (the CLI's --json) write it as the gateway does.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private readonly HttpClient http;

    /// <param name="http">An HttpClient whose BaseAddress is the gateway's base URL.</param>
    public GatewayClient(HttpClient http, string apiKey)
    {
        this.http = http;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }

    public Uri? BaseAddress => http.BaseAddress;

    public Task<GatewayResult<CardOperationResponse>> IssueAsync(string card, IssueCardBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/issue", body, idempotencyKey, ct);

    public Task<GatewayResult<CardOperationResponse>> TopUpAsync(string card, TopUpBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/top-ups", body, idempotencyKey, ct);

    public Task<GatewayResult<CardOperationResponse>> ChargeAsync(string card, ChargeBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/charges", body, idempotencyKey, ct);

    /// <param name="chargeKey">The Idempotency-Key the charge was made with (at this same city's gateway).</param>
    public Task<GatewayResult<CardOperationResponse>> ReverseChargeAsync(string card, string chargeKey, ReverseChargeBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/charges/{Uri.EscapeDataString(chargeKey)}/reversals", body, idempotencyKey, ct);

    public Task<GatewayResult<CardOperationResponse>> BlockAsync(string card, BlockCardBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/block", body, idempotencyKey, ct);

    public Task<GatewayResult<CardOperationResponse>> UnblockAsync(string card, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/unblock", new EmptyBody(), idempotencyKey, ct);

    public Task<GatewayResult<CardOperationResponse>> ReplaceAsync(string card, ReplaceCardBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/replace", body, idempotencyKey, ct);

    public Task<GatewayResult<CardOperationResponse>> CloseAsync(string card, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/close", new EmptyBody(), idempotencyKey, ct);

    public Task<GatewayResult<CardView>> GetCardAsync(string card, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        GetAsync<CardView>($"{Card(card)}{Query(("asOf", Moment(asOf)))}", ct);

    public Task<GatewayResult<CardHistory>> GetHistoryAsync(string card, DateTimeOffset? asOf = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<CardHistory>($"{Card(card)}/history{Query(("asOf", Moment(asOf)), ("limit", Number(limit)))}", ct);

    /// <param name="mediaType"><c>application/x-ndjson</c> or <c>text/csv</c>.</param>
    public async Task<GatewayResult<TapBatchResponse>> UploadTapsAsync(string content, string mediaType, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/tap-batches")
        {
            Content = new StringContent(content, Encoding.UTF8, mediaType),
        };
        return await SendAsync<TapBatchResponse>(request, ct);
    }

    /// <summary>Starts (or resumes, or replays) the batch a batch file names; the answer says where it stands.</summary>
    public async Task<GatewayResult<IssueBatchStatus>> StartIssueBatchAsync(string batchFile, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/issue-batches")
        {
            Content = new StringContent(batchFile, Encoding.UTF8, "text/csv"),
        };
        return await SendAsync<IssueBatchStatus>(request, ct);
    }

    public Task<GatewayResult<IssueBatchStatus>> GetIssueBatchAsync(string batchId, CancellationToken ct = default) =>
        GetAsync<IssueBatchStatus>($"v1/issue-batches/{Uri.EscapeDataString(batchId)}", ct);

    public Task<GatewayResult<HotlistPage>> GetHotlistAsync(long? asOfVersion = null, string? after = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<HotlistPage>($"v1/hotlist{Query(("asOfVersion", Number(asOfVersion)), ("after", after), ("limit", Number(limit)))}", ct);

    public Task<GatewayResult<HotlistChanges>> GetHotlistChangesAsync(long since, int? limit = null, CancellationToken ct = default) =>
        GetAsync<HotlistChanges>($"v1/hotlist/changes{Query(("since", Number(since)), ("limit", Number(limit)))}", ct);

    private async Task<GatewayResult<T>> PostAsync<T>(string path, object body, string idempotencyKey, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) };
        request.Headers.Add(IdempotencyHeader, idempotencyKey);
        return await SendAsync<T>(request, ct);
    }

    private async Task<GatewayResult<T>> GetAsync<T>(string path, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync<T>(request, ct);
    }

    private async Task<GatewayResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
        where T : class
    {
        request.Headers.Add(ApiKeyHeader, ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
        if (response.IsSuccessStatusCode)
        {
            return new(await response.Content.ReadFromJsonAsync<T>(Json, ct), null, replayed);
        }

        return new(null, await ProblemOfAsync(response, ct), false);
    }

    private static async Task<GatewayProblem> ProblemOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await response.Content.ReadFromJsonAsync<GatewayProblem>(Json, ct)
            : null;
        return problem ?? new GatewayProblem("about:blank", response.ReasonPhrase ?? "Error", (int)response.StatusCode, "HttpError", null);
    }

    private static string Card(string card) => $"v1/cards/{Uri.EscapeDataString(card)}";

    private static string? Moment(DateTimeOffset? at) => at is { } time ? WireTime.Format(time) : null;

    private static string? Number(long? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join("&", present);
    }
}
