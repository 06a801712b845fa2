using CityCard.Contracts;
using Orleans.Concurrency;

namespace CityCard.Grains.Clearing;

/// <summary>A city's ledger, read-only; stateless because everything it answers comes from the ledger tables.</summary>
[StatelessWorker]
public sealed class CityLedgerGrain(LedgerQueries queries) : Grain, ICityLedgerGrain
{
    public Task<TrialBalance> GetTrialBalance(DateTimeOffset? asOf) =>
        Cities.TryParse(this.GetPrimaryKeyString(), out var city)
            ? queries.TrialBalanceAsync(city, asOf)
            : throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a city code.");
}
