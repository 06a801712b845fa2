using CityCard.Contracts;

namespace CityCard.Gateway.Cluster;

/// <summary>
/// Typed access over an Orleans cluster client to what keeps the records honest: verifying card streams against their
/// hash chains (a city's streams a page at a time) and reconciling the ledgers with a rebuild from the event log.
/// </summary>
public sealed class IntegrityClient(IClusterClient cluster)
{
    private IReconciliationGrain Reconciliation => cluster.GetGrain<IReconciliationGrain>(IReconciliationGrain.Key);

    /// <summary>Up to <paramref name="limit"/> of <paramref name="city"/>'s card streams after card <paramref name="after"/>, verified.</summary>
    public Task<StreamVerificationPage> VerifyStreamsAsync(City city, string? after, int limit) =>
        cluster.GetGrain<IStreamVerifierGrain>(city.ToString()).VerifyPage(after, limit);

    /// <summary>Starts a reconciliation run (or answers with the one already going); it advances by itself.</summary>
    public Task<ReconciliationProgress> StartReconciliationAsync(string runId) => Reconciliation.Start(runId);

    /// <summary>Does one slice of the current run now, rather than waiting for its timer.</summary>
    public Task<ReconciliationProgress> AdvanceReconciliationAsync() => Reconciliation.Advance();

    public Task<ReconciliationProgress?> GetReconciliationAsync(string runId) => Reconciliation.Get(runId);
}
