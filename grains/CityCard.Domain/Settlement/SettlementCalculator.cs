using CityCard.Contracts;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Settlement;

/// <summary>
/// Closing arithmetic, from a window's movements alone: the clearing fees to post, then the settlement report.
/// Every figure is read off the ledgers' inter-city and payable accounts, so the report cannot disagree with the books.
/// </summary>
public static class SettlementCalculator
{
    /// <summary>
    /// The fee entries of a window: per issuer, acquirer and category, the gross of the issuer's cards' fares in the
    /// acquirer's city (charges less reversals) times the rate. The acquirer pays the issuer: the issuer owes that much
    /// less and books income; the acquirer is owed that much less and books an expense. Both legs carry the same
    /// rounded amount, so each entry balances and the dues still mirror.
    /// </summary>
    public static IReadOnlyList<EntryDraft> Fees(IEnumerable<KeyValuePair<MovementKey, Movement>> ownMovements, FeeSchedule schedule)
    {
        var drafts = new List<EntryDraft>();
        foreach (var line in GrossFares(ownMovements))
        {
            var fee = schedule.FeeOn(line.Gross, line.Category);
            drafts.AddRange(new[]
            {
                EntryDraft.Of(line.Issuer, EntryKind.Fee, line.Category, Posting.Debit(Account.DueTo(line.Acquirer), fee), Posting.Credit(Account.FeeIncome, fee)),
                EntryDraft.Of(line.Acquirer, EntryKind.Fee, line.Category, Posting.Debit(Account.FeeExpense, fee), Posting.Credit(Account.DueFrom(line.Issuer), fee)),
            }.OfType<EntryDraft>());
        }

        return drafts;
    }

    /// <summary>The settlement of a window from all its movements (its own, its fee entries, and any aborted windows it carries).</summary>
    public static SettlementReport Report(
        DateOnly window,
        IReadOnlyCollection<KeyValuePair<MovementKey, Movement>> movements,
        FeeSchedule schedule,
        DateTimeOffset cutOffAt,
        DateTimeOffset closedAt,
        int lateEntries,
        IReadOnlyList<DateOnly> carried)
    {
        var cleared = movements.Where(m => m.Key.Kind != EntryKind.Settlement).ToList();
        return new SettlementReport(
            window,
            SettlementReport.Renminbi,
            Positions(cleared),
            Bilateral(cleared),
            Dues(cleared),
            FeeLines(cleared, schedule),
            FeeTotals(cleared),
            Operators(cleared),
            cutOffAt,
            closedAt,
            lateEntries,
            carried,
            Chargebacks(cleared));
    }

    /// <summary>A city's net: the change in what it is owed less what it owes. Every inter-city entry has its mirror, so the four sum to zero.</summary>
    private static List<CityPosition> Positions(List<KeyValuePair<MovementKey, Movement>> movements) =>
        Cities.All.Select(city => new CityPosition(
            city,
            Sum(movements.Where(m => m.Key.Ledger == city && m.Key.Account.IsInterCity).Select(m => m.Value.Net)))).ToList();

    /// <summary>
    /// Read on the payer's side: its "due to" account, by flow. Top-ups are owed by the loading city, fares by the
    /// issuer. A pass bought by a card of another city than the pass's issuer is flow <c>PassSale</c>, its refunds shown
    /// as reversed, as a fare's; a pass's apportioned revenue is <c>Pass:{category}</c>, beside the fares of that category.
    /// </summary>
    private static List<BilateralGross> Bilateral(List<KeyValuePair<MovementKey, Movement>> movements) =>
        movements
            .Where(m => m.Key.Account.Kind == AccountKind.DueToCity
                && m.Key.Kind is EntryKind.TopUp or EntryKind.Charge or EntryKind.Adjustment or EntryKind.Reversal or EntryKind.PassSale or EntryKind.PassRefund or EntryKind.PassRevenue)
            .GroupBy(m => (Payer: m.Key.Ledger, Payee: PartyCity(m.Key.Account), Flow: FlowOf(m.Key)))
            .Select(g =>
            {
                var amount = -Sum(g.Where(m => m.Key.Kind is not (EntryKind.Reversal or EntryKind.PassRefund)).Select(m => m.Value.Net));
                var reversed = Sum(g.Where(m => m.Key.Kind is EntryKind.Reversal or EntryKind.PassRefund).Select(m => m.Value.Net));
                return new BilateralGross(g.Key.Payer, g.Key.Payee, g.Key.Flow, amount, reversed, amount - reversed);
            })
            .OrderBy(b => b.Payer).ThenBy(b => b.Payee).ThenBy(b => b.Flow, StringComparer.Ordinal)
            .ToList();

    private static string FlowOf(MovementKey key) => key.Kind switch
    {
        EntryKind.TopUp or EntryKind.PassSale => key.Kind.ToString(),
        EntryKind.PassRefund => nameof(EntryKind.PassSale),
        EntryKind.PassRevenue => $"Pass:{key.Category!.Value}",
        _ => key.Category!.Value.ToString(),
    };

    private static List<BilateralDue> Dues(List<KeyValuePair<MovementKey, Movement>> movements) =>
        movements
            .Where(m => m.Key.Account.Kind == AccountKind.DueToCity)
            .GroupBy(m => (Payer: m.Key.Ledger, Payee: PartyCity(m.Key.Account)))
            .Select(g =>
            {
                var fees = Sum(g.Where(m => m.Key.Kind == EntryKind.Fee).Select(m => m.Value.Net));
                var chargebacks = Sum(g.Where(m => m.Key.Kind == EntryKind.Chargeback).Select(m => m.Value.Net));
                var due = -Sum(g.Select(m => m.Value.Net));
                return new BilateralDue(g.Key.Payer, g.Key.Payee, due + fees + chargebacks, fees, due, chargebacks);
            })
            .Where(d => d.Gross != Money.Zero || d.Fees != Money.Zero || d.Chargebacks != Money.Zero)
            .OrderBy(d => d.Payer).ThenBy(d => d.Payee)
            .ToList();

    private static List<ClearingFeeLine> FeeLines(List<KeyValuePair<MovementKey, Movement>> movements, FeeSchedule schedule)
    {
        var fees = movements
            .Where(m => m.Key.Kind == EntryKind.Fee && m.Key.Account.Kind == AccountKind.DueToCity)
            .GroupBy(m => (Issuer: m.Key.Ledger, Acquirer: PartyCity(m.Key.Account), Category: m.Key.Category!.Value))
            .ToDictionary(g => g.Key, g => Sum(g.Select(m => m.Value.Net)));
        var gross = GrossFares(movements).ToDictionary(l => (l.Issuer, l.Acquirer, l.Category), l => l.Gross);
        return gross.Keys.Union(fees.Keys)
            .Select(k => new ClearingFeeLine(k.Issuer, k.Acquirer, k.Category, gross.GetValueOrDefault(k), schedule.RateOf(k.Category), fees.GetValueOrDefault(k)))
            .OrderBy(f => f.Issuer).ThenBy(f => f.Acquirer).ThenBy(f => f.Category)
            .ToList();
    }

    private static List<CityFees> FeeTotals(List<KeyValuePair<MovementKey, Movement>> movements) =>
        Cities.All.Select(city => new CityFees(
            city,
            -Sum(movements.Where(m => m.Key.Ledger == city && m.Key.Account.Kind == AccountKind.ClearingFeeIncome).Select(m => m.Value.Net)),
            Sum(movements.Where(m => m.Key.Ledger == city && m.Key.Account.Kind == AccountKind.ClearingFeeExpense).Select(m => m.Value.Net)))).ToList();

    private static List<OperatorPayout> Operators(List<KeyValuePair<MovementKey, Movement>> movements) =>
        movements
            .Where(m => m.Key.Account.Kind == AccountKind.MerchantPayable && m.Key.Kind is EntryKind.Charge or EntryKind.Adjustment or EntryKind.Reversal or EntryKind.Chargeback or EntryKind.PassRevenue)
            .GroupBy(m => (City: m.Key.Ledger, Merchant: m.Key.Account.Party, Category: m.Key.Category!.Value))
            .Select(g =>
            {
                // A pass's apportioned revenue is fare revenue: it counts among the charges paid out.
                var charges = -Sum(g.Where(m => m.Key.Kind is EntryKind.Charge or EntryKind.Adjustment or EntryKind.PassRevenue).Select(m => m.Value.Net));
                var reversals = Sum(g.Where(m => m.Key.Kind == EntryKind.Reversal).Select(m => m.Value.Net));
                var chargebacks = Sum(g.Where(m => m.Key.Kind == EntryKind.Chargeback).Select(m => m.Value.Net));
                return new OperatorPayout(g.Key.City, g.Key.Merchant, g.Key.Category, charges, reversals, charges - reversals - chargebacks, chargebacks);
            })
            .OrderBy(o => o.City).ThenBy(o => o.Merchant, StringComparer.Ordinal).ThenBy(o => o.Category)
            .ToList();

    /// <summary>
    /// Dispute refunds between cities, read on the issuer's "due to acquirer" account: what each acquirer gives back
    /// to each issuer, per category, in this window.
    /// </summary>
    private static List<ChargebackLine> Chargebacks(List<KeyValuePair<MovementKey, Movement>> movements) =>
        movements
            .Where(m => m.Key.Account.Kind == AccountKind.DueToCity && m.Key.Kind == EntryKind.Chargeback)
            .GroupBy(m => (Issuer: m.Key.Ledger, Acquirer: PartyCity(m.Key.Account), Category: m.Key.Category!.Value))
            .Select(g => new ChargebackLine(g.Key.Issuer, g.Key.Acquirer, g.Key.Category, Sum(g.Select(m => m.Value.Net))))
            .Where(c => c.Amount != Money.Zero)
            .OrderBy(c => c.Issuer).ThenBy(c => c.Acquirer).ThenBy(c => c.Category)
            .ToList();

    /// <summary>
    /// Per issuer, acquirer and category: fares (as adjusted) less reversals and chargebacks, read on the issuer's "due
    /// to acquirer" account. A chargeback gives back the fee on what it refunds, as a reversal does. A pass's revenue
    /// apportioned to another city's operators bears the fee as the fares it stands for would have (decision 0061).
    /// </summary>
    private static IEnumerable<(City Issuer, City Acquirer, Category Category, Money Gross)> GrossFares(IEnumerable<KeyValuePair<MovementKey, Movement>> movements) =>
        movements
            .Where(m => m.Key.Account.Kind == AccountKind.DueToCity && m.Key.Kind is EntryKind.Charge or EntryKind.Adjustment or EntryKind.Reversal or EntryKind.Chargeback or EntryKind.PassRevenue)
            .GroupBy(m => (Issuer: m.Key.Ledger, Acquirer: PartyCity(m.Key.Account), Category: m.Key.Category!.Value))
            .Select(g => (g.Key.Issuer, g.Key.Acquirer, g.Key.Category, Gross: -Sum(g.Select(m => m.Value.Net))))
            .Where(l => l.Gross != Money.Zero)
            .OrderBy(l => l.Issuer).ThenBy(l => l.Acquirer).ThenBy(l => l.Category);

    private static City PartyCity(Account account) =>
        Cities.TryParse(account.Party, out var city) ? city : throw new InvalidOperationException($"Account {account} names no city.");

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);
}
