using CityCard.Contracts;

namespace CityCard.Gateway.Cluster;

/// <summary>
/// Typed access to dispute cases over an Orleans cluster client: each command goes to the case's grain (keyed by its
/// case id) with the caller's operation id; lists come per city.
/// </summary>
public sealed class DisputesClient(IClusterClient cluster)
{
    public Task<DisputeResult> OpenAsync(string caseId, OpenDisputeRequest request) => Case(caseId).Open(request);

    public Task<DisputeResult> ReviewAsync(string caseId, ReviewDisputeRequest request) => Case(caseId).Review(request);

    public Task<DisputeResult> UpholdAsync(string caseId, UpholdDisputeRequest request) => Case(caseId).Uphold(request);

    public Task<DisputeResult> RejectAsync(string caseId, RejectDisputeRequest request) => Case(caseId).Reject(request);

    /// <summary>The case, or null when no case has this id.</summary>
    public Task<DisputeCase?> GetAsync(string caseId) => Case(caseId).Get();

    /// <summary>The cases <paramref name="city"/> is party to (as the card's issuer or as the charge's city).</summary>
    public Task<DisputePage> ListAsync(City city, DisputeStatus? status = null, string? after = null, int limit = 100) =>
        cluster.GetGrain<IDisputeListGrain>(city.ToString()).List(status, after, limit);

    private IDisputeGrain Case(string caseId) => cluster.GetGrain<IDisputeGrain>(caseId);
}
