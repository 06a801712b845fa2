using CityCard.Contracts;

namespace CityCard.Domain.Ledger;

/// <summary>
/// The grain at which a window's postings are summed: window, ledger, account, and why (kind and category). The
/// settlement is computed from these sums; the trial balance is their total over every window.
/// </summary>
public readonly record struct MovementKey(DateOnly Window, City Ledger, Account Account, EntryKind Kind, Category? Category);

/// <summary>Debit and credit totals of one <see cref="MovementKey"/>.</summary>
public readonly record struct Movement(Money Debits, Money Credits)
{
    /// <summary>Debits less credits: the signed change the postings made to the account.</summary>
    public Money Net => Debits - Credits;

    public static Movement Of(Posting posting) => new(posting.DebitAmount, posting.CreditAmount);

    public static Movement operator +(Movement a, Movement b) => new(a.Debits + b.Debits, a.Credits + b.Credits);
}

/// <summary>Sums postings into movements.</summary>
public static class Movements
{
    public static void Add(IDictionary<MovementKey, Movement> into, JournalEntry entry)
    {
        foreach (var posting in entry.Postings)
        {
            var key = new MovementKey(entry.Window, entry.Ledger, posting.Account, entry.Kind, entry.Category);
            into[key] = into.TryGetValue(key, out var sum) ? sum + Movement.Of(posting) : Movement.Of(posting);
        }
    }

    public static Dictionary<MovementKey, Movement> Of(IEnumerable<JournalEntry> entries)
    {
        var sums = new Dictionary<MovementKey, Movement>();
        foreach (var entry in entries)
        {
            Add(sums, entry);
        }

        return sums;
    }
}
