using CityCard.Contracts;

namespace CityCard.Domain.Ledger;

/// <summary>Builds a city's trial balance from account totals, in chart order.</summary>
public static class TrialBalances
{
    public static TrialBalance Build(City city, DateTimeOffset? asOf, IEnumerable<(Account Account, Movement Totals)> accounts)
    {
        var lines = accounts
            .GroupBy(a => a.Account)
            .Select(g => (Account: g.Key, Totals: g.Aggregate(default(Movement), (sum, a) => sum + a.Totals)))
            .OrderBy(a => (int)a.Account.Kind)
            .ThenBy(a => a.Account.Party, StringComparer.Ordinal)
            .Select(a => new TrialBalanceLine(a.Account.Code, a.Account.Name, a.Totals.Debits, a.Totals.Credits))
            .ToList();
        return new TrialBalance(
            city,
            asOf,
            lines,
            lines.Aggregate(Money.Zero, (sum, l) => sum + l.Debits),
            lines.Aggregate(Money.Zero, (sum, l) => sum + l.Credits));
    }
}
