using System.Globalization;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Client;

/// <summary>Passes at a city's gateway: selling and refunding (the issuer's desk), the passes on sale, the apportionment run (the region's clearing key).</summary>
public sealed partial class GatewayClient
{
    public Task<GatewayResult<CardOperationResponse>> SellPassAsync(string card, SellPassBody body, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/passes", body, idempotencyKey, ct);

    /// <param name="passKey">The Idempotency-Key the pass was sold with (at this same city's gateway).</param>
    public Task<GatewayResult<CardOperationResponse>> RefundPassAsync(string card, string passKey, string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<CardOperationResponse>($"{Card(card)}/passes/{Uri.EscapeDataString(passKey)}/refund", new EmptyBody(), idempotencyKey, ct);

    public Task<GatewayResult<PassCatalogue>> GetPassesAsync(DateOnly? on = null, CancellationToken ct = default) =>
        GetAsync<PassCatalogue>($"v1/passes{Query(("on", on?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}", ct);

    public Task<GatewayResult<PassApportionmentRun>> ApportionPassesAsync(string idempotencyKey, CancellationToken ct = default) =>
        PostAsync<PassApportionmentRun>("v1/clearing/passes/apportion", new EmptyBody(), idempotencyKey, ct);
}
