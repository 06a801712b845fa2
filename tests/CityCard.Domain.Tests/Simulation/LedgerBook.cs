using CityCard.Contracts;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Tests.Simulation;

/// <summary>Account balances (debits less credits) per city, folded from journal entries.</summary>
public sealed class LedgerBook
{
    private readonly Dictionary<(City City, Account Account), Money> balances = [];

    public LedgerBook(IEnumerable<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var posting in entry.Postings)
            {
                balances[(entry.Ledger, posting.Account)] = Balance(entry.Ledger, posting.Account) + posting.Amount;
            }
        }
    }

    public Money Balance(City city, Account account) => balances.GetValueOrDefault((city, account));

    public Money Total(City city, AccountKind kind) =>
        balances.Where(b => b.Key.City == city && b.Key.Account.Kind == kind).Aggregate(Money.Zero, (sum, b) => sum + b.Value);

    public Money Total(AccountKind kind) => Cities.All.Aggregate(Money.Zero, (sum, c) => sum + Total(c, kind));

    public Money Sum(City city) => balances.Where(b => b.Key.City == city).Aggregate(Money.Zero, (sum, b) => sum + b.Value);
}
