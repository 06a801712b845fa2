using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>
/// Who is paid at a window's settlement, pure (docs/decisions/0093). Each operator is owed the sum of its payout lines.
/// An operator registered and active in the city is paid that, plus whatever suspense is releasable to it, into its
/// registered account; any other (unknown to the registry, or suspended) is paid nothing and what it is owed is held in
/// suspense. Never paid blind; money conserved: for every operator, Paid + Held = Owed + Released.
/// </summary>
public static class PayoutAllocation
{
    /// <summary>
    /// The report with its payout lines naming accounts (or marked held) and its <see cref="SettlementReport.Payees"/>.
    /// <paramref name="alreadyReleased"/> is what windows closed earlier in the same change released (taken off).
    /// </summary>
    public static SettlementReport Apply(SettlementReport report, PayeeDirectory directory, IReadOnlyDictionary<(City, string), Money>? alreadyReleased = null)
    {
        var owed = report.Operators
            .GroupBy(o => (o.City, o.Merchant))
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, o) => sum + o.Payout));
        var releasable = directory.Releasable
            .Select(r => KeyValuePair.Create(r.Key, r.Value - (alreadyReleased?.GetValueOrDefault(r.Key) ?? Money.Zero)))
            .Where(r => r.Value != Money.Zero && IsPayable(directory, r.Key))
            .ToDictionary(r => r.Key, r => r.Value);

        var payees = owed.Keys.Union(releasable.Keys)
            .OrderBy(k => k.Item1).ThenBy(k => k.Item2, StringComparer.Ordinal)
            .Select(k => Settle(k.Item1, k.Item2, owed.GetValueOrDefault(k), releasable.GetValueOrDefault(k), directory))
            .ToList();
        var byOperator = payees.ToDictionary(p => (p.City, p.Operator));
        var lines = report.Operators
            .Select(o => (Line: o, Payee: byOperator[(o.City, o.Merchant)]))
            .Select(x => x.Line with { Account = x.Payee.Account, Held = x.Payee.HeldBecause is not null })
            .ToList();
        return report with { Operators = lines, Payees = payees };
    }

    private static OperatorSettlement Settle(City city, string op, Money owed, Money released, PayeeDirectory directory)
    {
        var payee = directory.Operators.GetValueOrDefault((city, op));
        return payee switch
        {
            { Status: OperatorStatus.Active } => new OperatorSettlement(city, op, owed, released, owed + released, Money.Zero, payee.Account, null),
            null => new OperatorSettlement(city, op, owed, Money.Zero, Money.Zero, owed, null, PayoutHold.NotRegistered),
            _ => new OperatorSettlement(city, op, owed, Money.Zero, Money.Zero, owed, payee.Account, PayoutHold.Suspended),
        };
    }

    private static bool IsPayable(PayeeDirectory directory, (City, string) key) =>
        directory.Operators.GetValueOrDefault(key) is { Status: OperatorStatus.Active };
}
