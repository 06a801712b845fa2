using CityCard.Domain.Ledger;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// Pass postings placed in one clearing window and settled the way the clearing house closes a window: fees on the
/// window's movements, the settlement report, and the bank's confirmation. Pure: the same calls the clearing house makes.
/// </summary>
public sealed class PassLedger(DateOnly window)
{
    private readonly List<JournalEntry> entries = [];

    public DateOnly Window { get; } = window;

    public IReadOnlyList<JournalEntry> Entries => entries;

    public PassLedger Post(IEnumerable<EntryDraft> drafts)
    {
        foreach (var draft in drafts)
        {
            Assert.True(draft.IsBalanced, $"{draft.Kind} in {draft.Ledger} does not balance");
            var at = new DateTimeOffset(Window.ToDateTime(new TimeOnly(12, 0)), ChinaTime.Offset);
            entries.Add(new JournalEntry(EntrySource.Event(entries.Count + 1), 0, draft.Ledger, draft.Kind, draft.Category, Window, false, null, null, at, at, draft.Postings));
        }

        return this;
    }

    /// <summary>Closes the window: posts its fees and returns its settlement.</summary>
    public SettlementReport Close()
    {
        Post(SettlementCalculator.Fees(Movements.Of(entries), FeeSchedule.Default));
        var end = new DateTimeOffset(Window.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        return SettlementCalculator.Report(Window, Movements.Of(entries).ToList(), FeeSchedule.Default, end, end, 0, []);
    }

    /// <summary>Each account's balance in one city's ledger, as "code fen", in code order.</summary>
    public IReadOnlyList<string> Balances(City city) =>
        entries.Where(e => e.Ledger == city)
            .SelectMany(e => e.Postings)
            .GroupBy(p => p.Account.Code)
            .Select(g => (Code: g.Key, Fen: g.Aggregate(0L, (sum, p) => sum + p.Amount.Fen)))
            .Where(b => b.Fen != 0)
            .OrderBy(b => b.Code, StringComparer.Ordinal)
            .Select(b => $"{b.Code} {b.Fen}")
            .ToList();
}
