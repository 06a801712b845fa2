using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>Replay, stream verification and reconciliation through a city's gateway.</summary>
public sealed partial class GatewayClient
{
    /// <summary>The card replayed as of a moment and/or a version (the newest <paramref name="limit"/> entries), with its chain verified.</summary>
    public Task<GatewayResult<CardHistory>> ReplayAsync(string card, DateTimeOffset? asOf = null, long? asOfVersion = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<CardHistory>($"{Card(card)}/history{Query(("asOf", Moment(asOf)), ("asOfVersion", Number(asOfVersion)), ("limit", Number(limit)))}", ct);

    public Task<GatewayResult<StreamVerification>> VerifyCardAsync(string card, CancellationToken ct = default) =>
        GetAsync<StreamVerification>($"{Card(card)}/verification", ct);

    /// <summary>One page of the gateway's city's card streams, verified.</summary>
    public Task<GatewayResult<StreamVerificationPage>> VerifyStreamsAsync(string? after = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<StreamVerificationPage>($"v1/streams/verification{Query(("after", after), ("limit", Number(limit)))}", ct);

    /// <param name="idempotencyKey">Names the run: its id is the gateway's city, a colon and this key.</param>
    public Task<GatewayResult<ReconciliationProgress>> StartReconciliationAsync(string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<ReconciliationProgress>("v1/reconciliations", new EmptyBody(), idempotencyKey, ct);

    public Task<GatewayResult<ReconciliationProgress>> GetReconciliationAsync(string runId, CancellationToken ct = default) =>
        GetAsync<ReconciliationProgress>($"v1/reconciliations/{Uri.EscapeDataString(runId)}", ct);
}
