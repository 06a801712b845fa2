namespace CityCard.Contracts;

/// <summary>A city's ledger, read-only: the clearing house is its only writer. Keyed by the city code ("ZG").</summary>
[Alias("citycard.city-ledger")]
public interface ICityLedgerGrain : IGrainWithStringKey
{
    /// <summary>The trial balance now (<paramref name="asOf"/> null), or of the postings recorded up to <paramref name="asOf"/>.</summary>
    [Alias("get-trial-balance")]
    [ResponseTimeout("00:01:00")] // as of a moment, it sums the city's postings: beyond the clients' default timeout
    Task<TrialBalance> GetTrialBalance(DateTimeOffset? asOf);
}
