using CityCard.Contracts;

namespace CityCard.Domain.Ledger;

/// <summary>
/// A posted journal entry: balanced lines in one city's ledger, placed in a clearing window. Never edited: a mistake
/// is corrected by another entry. <see cref="Late"/> marks an entry whose business day's window had already closed,
/// so it went to the current open window instead.
/// </summary>
public sealed record JournalEntry(
    EntrySource Source,
    int Leg,
    City Ledger,
    EntryKind Kind,
    Category? Category,
    DateOnly Window,
    bool Late,
    string? Card,
    string? OperationId,
    DateTimeOffset BusinessAt,
    DateTimeOffset RecordedAt,
    IReadOnlyList<Posting> Postings)
{
    public bool IsBalanced => Postings.Aggregate(Money.Zero, (sum, p) => sum + p.Amount) == Money.Zero;
}
