using CityCard.Contracts;

namespace CityCard.Domain.Reconciliation;

/// <summary>Where an amount sits in a ledger: a window, a city, an account code.</summary>
public readonly record struct LedgerKey(DateOnly Window, City City, string Account);

/// <summary>
/// Compares two copies of the ledgers, key by key, to the fen. Pure: the caller reads both copies the same way (the
/// same query over the live and the rebuilt tables), so a difference is in the data, never in the reading.
/// </summary>
public static class LedgerComparison
{
    public static IEnumerable<LedgerDifference> Compare(string table, IReadOnlyDictionary<LedgerKey, long> live, IReadOnlyDictionary<LedgerKey, long> rebuilt) =>
        live.Keys.Union(rebuilt.Keys)
            .Select(k => (Key: k, Live: live.GetValueOrDefault(k), Rebuilt: rebuilt.GetValueOrDefault(k)))
            .Where(x => x.Live != x.Rebuilt)
            .OrderBy(x => x.Key.Window).ThenBy(x => x.Key.City).ThenBy(x => x.Key.Account, StringComparer.Ordinal)
            .Select(x => new LedgerDifference(table, x.Key.Window, x.Key.City, x.Key.Account, x.Live, x.Rebuilt, x.Live - x.Rebuilt));

    /// <summary>
    /// Each city's float, deposits and replacements in transit three ways. The ledger amounts are debits less credits
    /// over every window (a liability is a credit, so its balance is minus the amount).
    /// </summary>
    public static IReadOnlyList<FloatCheck> Floats(CardTotals cards, IReadOnlyDictionary<LedgerKey, long> live, IReadOnlyDictionary<LedgerKey, long> rebuilt)
    {
        long Balance(IReadOnlyDictionary<LedgerKey, long> ledger, City city, string account) =>
            -ledger.Where(l => l.Key.City == city && l.Key.Account == account).Sum(l => l.Value);

        return
        [
            .. Cities.All.SelectMany(city => new[]
            {
                new FloatCheck(city, CardTotals.FloatAccount, cards.Balances(city).Fen, Balance(live, city, CardTotals.FloatAccount), Balance(rebuilt, city, CardTotals.FloatAccount)),
                new FloatCheck(city, CardTotals.DepositsAccount, cards.Deposits(city).Fen, Balance(live, city, CardTotals.DepositsAccount), Balance(rebuilt, city, CardTotals.DepositsAccount)),
                new FloatCheck(city, CardTotals.InTransitAccount, cards.InTransit(city).Fen, Balance(live, city, CardTotals.InTransitAccount), Balance(rebuilt, city, CardTotals.InTransitAccount)),
            }),
        ];
    }
}
