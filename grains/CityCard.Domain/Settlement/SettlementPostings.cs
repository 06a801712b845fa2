using CityCard.Contracts;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Settlement;

/// <summary>
/// What the settlement bank's confirmation posts, one entry per city: the window's dues to and from every other city
/// are cleared against cash by the city's net position, and what it owes its operators is paid out of cash to their
/// registered accounts, or held in suspense (docs/decisions/0093). Afterwards the window leaves nothing open on the
/// inter-city and payable accounts; what is held stays on the operator's suspense account until it is released.
/// </summary>
public static class SettlementPostings
{
    public static IReadOnlyList<EntryDraft> For(SettlementReport report)
    {
        var drafts = new List<EntryDraft>();
        foreach (var city in Cities.All)
        {
            var lines = new List<Posting>();
            lines.AddRange(report.Dues.Where(d => d.Payer == city).Select(d => Posting.Debit(Account.DueTo(d.Payee), d.Due)));
            lines.AddRange(report.Dues.Where(d => d.Payee == city).Select(d => Posting.Credit(Account.DueFrom(d.Payer), d.Due)));
            lines.Add(new Posting(Account.Cash, report.Positions.Single(p => p.City == city).Net));

            if (report.Payees is { } payees)
            {
                foreach (var p in payees.Where(p => p.City == city))
                {
                    lines.Add(Posting.Debit(Account.PayableTo(p.Operator), p.Owed));
                    lines.Add(Posting.Debit(Account.SuspenseFor(p.Operator), p.Released));
                    lines.Add(Posting.Credit(Account.SuspenseFor(p.Operator), p.Held));
                    lines.Add(Posting.Credit(Account.Cash, p.Paid));
                }
            }

            // A window closed before the registry (no payees) pays as it was reported then.
            foreach (var merchant in report.Payees is null ? report.Operators.Where(o => o.City == city).GroupBy(o => o.Merchant, StringComparer.Ordinal) : [])
            {
                var payout = merchant.Aggregate(Money.Zero, (sum, o) => sum + o.Payout);
                lines.Add(Posting.Debit(Account.PayableTo(merchant.Key), payout));
                lines.Add(Posting.Credit(Account.Cash, payout));
            }

            if (EntryDraft.Of(city, EntryKind.Settlement, null, [.. lines]) is { } entry)
            {
                drafts.Add(entry);
            }
        }

        return drafts;
    }
}
