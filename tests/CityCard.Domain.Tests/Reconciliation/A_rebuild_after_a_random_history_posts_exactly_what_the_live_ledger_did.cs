using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Domain.Reconciliation;
using CityCard.Domain.Settlement;
using CityCard.Domain.Tests.Properties;
using CityCard.Domain.Tests.Simulation;

namespace CityCard.Domain.Tests.Reconciliation;

/// <summary>
/// The live clearing house of a random region (late commits, rolled-back numbers, late offline taps, early closes,
/// aborted and carried windows, dispute refunds) against a rebuild from its event log and its windows' history: every
/// entry is the same, in the same window, late or not, with the same fees and settlements.
/// </summary>
public sealed class A_rebuild_after_a_random_history_posts_exactly_what_the_live_ledger_did
{
    private static readonly ClearingPolicy Policy = ClearingPolicy.Default with { AutoCloseAfter = null, MaxGapRanges = 40 };

    [Fact]
    public void Every_entry_of_the_rebuild_is_the_live_entry() => SimulatedRegion.Check(region =>
    {
        var rebuild = new LedgerRebuild(region.Clearing.Windows.Values, region.Clearing.State.Checkpoint, Policy);
        var entries = new List<JournalEntry>();
        foreach (var batch in region.History.Events.OrderBy(e => e.Sequence).Chunk(97))
        {
            entries.AddRange(rebuild.Feed(batch).SelectMany(c => c.Entries));
        }

        entries.AddRange(rebuild.Finish().SelectMany(c => c.Entries));

        Assert.Empty(rebuild.Problems);
        Assert.Equal(region.History.Events.Count(), rebuild.EventsPosted);
        var (live, rebuilt) = (Describe(region.Clearing.Entries), Describe(entries));
        var first = Enumerable.Range(0, Math.Min(live.Count, rebuilt.Count)).FirstOrDefault(i => live[i] != rebuilt[i], -1);
        Assert.True(first < 0 && live.Count == rebuilt.Count, first < 0 ? $"{live.Count} live entries, {rebuilt.Count} rebuilt" : $"live:    {live[first]}\nrebuilt: {rebuilt[first]}");
        Assert.Contains(entries, e => e.Late);
        Assert.Contains(entries, e => e.Kind == EntryKind.Chargeback);
    });

    [Fact]
    public void Events_the_live_ledger_had_not_posted_at_the_checkpoint_are_left_out()
    {
        var all = new HistoryGenerator(42).Generate(800).Events.OrderBy(e => e.Sequence).ToList();
        var half = all[all.Count / 2].Sequence;
        var upTo = new Checkpoint(half, [new GapRange(half - 3, half - 2, DateTimeOffset.MinValue)], 1);

        var rebuild = new LedgerRebuild([], upTo, Policy);
        rebuild.Feed(all);
        rebuild.Finish();

        Assert.Equal(all.Count(e => WindowAction.Covers(upTo, e.Sequence)), rebuild.EventsPosted);
    }

    /// <summary>Entries as comparable text, by source; the settlement's operation id is the command's own.</summary>
    private static List<string> Describe(IEnumerable<JournalEntry> entries) =>
        [.. entries
            .OrderBy(e => e.Source.Kind).ThenBy(e => e.Source.Id).ThenBy(e => e.Leg)
            .Select(e => $"{e.Source}/{e.Leg} {e.Ledger} {e.Kind} {e.Category} {e.Window} late={e.Late} {e.Card} " +
                         $"{(e.Source.Kind == SourceKind.Event ? e.OperationId : "")} {e.BusinessAt:O} {e.RecordedAt:O} " +
                         string.Join(",", e.Postings.Select(p => $"{p.Account.Code}:{p.Amount.Fen}")))];
}
