using CityCard.Contracts;

namespace CityCard.Domain.Ledger;

/// <summary>
/// A journal entry as a posting rule writes it: which city's ledger, why, and its lines. It gets its source, leg and
/// window only when it is placed (<see cref="JournalEntry"/>).
/// </summary>
public sealed record EntryDraft(City Ledger, EntryKind Kind, Category? Category, IReadOnlyList<Posting> Postings)
{
    public bool IsBalanced => Postings.Aggregate(Money.Zero, (sum, p) => sum + p.Amount) == Money.Zero;

    /// <summary>Builds an entry from lines, dropping zero lines; null if nothing is left (a zero-deposit issue moves nothing).</summary>
    public static EntryDraft? Of(City ledger, EntryKind kind, Category? category, params Posting[] postings)
    {
        var lines = postings.Where(p => p.Amount != Money.Zero).ToArray();
        return lines.Length == 0 ? null : new EntryDraft(ledger, kind, category, lines);
    }
}
