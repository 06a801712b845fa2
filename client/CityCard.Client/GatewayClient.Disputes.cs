using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>Dispute cases through a city's gateway.</summary>
public sealed partial class GatewayClient
{
    /// <param name="idempotencyKey">Names the case too: its id is the gateway's city, a colon and this key (at most <see cref="DisputeIds.MaxKeyLength"/> characters).</param>
    public Task<GatewayResult<DisputeCase>> OpenDisputeAsync(string card, OpenDisputeBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<DisputeCase>($"{Card(card)}/disputes", body, idempotencyKey, ct);

    public Task<GatewayResult<DisputeCase>> ReviewDisputeAsync(string caseId, ReviewDisputeBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<DisputeCase>($"{Dispute(caseId)}/review", body, idempotencyKey, ct);

    public Task<GatewayResult<DisputeCase>> UpholdDisputeAsync(string caseId, UpholdDisputeBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<DisputeCase>($"{Dispute(caseId)}/uphold", body, idempotencyKey, ct);

    public Task<GatewayResult<DisputeCase>> RejectDisputeAsync(string caseId, RejectDisputeBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<DisputeCase>($"{Dispute(caseId)}/reject", body, idempotencyKey, ct);

    public Task<GatewayResult<DisputeCase>> GetDisputeAsync(string caseId, CancellationToken ct = default) =>
        GetAsync<DisputeCase>(Dispute(caseId), ct);

    /// <summary>The cases the gateway's city is party to, of one status or all, a page at a time.</summary>
    public Task<GatewayResult<DisputePage>> ListDisputesAsync(DisputeStatus? status = null, string? after = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<DisputePage>($"v1/disputes{Query(("status", status?.ToString()), ("after", after), ("limit", Number(limit)))}", ct);

    private static string Dispute(string caseId) => $"v1/disputes/{Uri.EscapeDataString(caseId)}";
}
