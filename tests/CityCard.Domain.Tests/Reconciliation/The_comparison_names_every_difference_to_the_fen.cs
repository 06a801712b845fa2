using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Domain.Reconciliation;
using CityCard.Domain.Settlement;
using CityCard.Domain.Tests.Properties;
using CsCheck;

namespace CityCard.Domain.Tests.Reconciliation;

/// <summary>
/// Live and rebuilt ledgers of random regions compare equal; one corrupted posting line is named exactly (window,
/// city, account, by how much); and the cards' balances, deposits and money in transit recomputed from their events
/// equal the issuers' accounts.
/// </summary>
public sealed class The_comparison_names_every_difference_to_the_fen
{
    private static readonly ClearingPolicy Policy = ClearingPolicy.Default with { AutoCloseAfter = null, MaxGapRanges = 40 };

    [Fact]
    public void A_rebuild_matches_and_one_corrupted_line_is_the_one_difference() => SimulatedRegion.Check(region =>
    {
        var rebuild = new LedgerRebuild(region.Clearing.Windows.Values, region.Clearing.State.Checkpoint, Policy);
        var rebuilt = rebuild.Feed([.. region.History.Events.OrderBy(e => e.Sequence)]).Concat(rebuild.Finish()).SelectMany(c => c.Entries).ToList();
        var live = Sums(region.Clearing.Entries);

        Assert.Empty(LedgerComparison.Compare("postings", live, Sums(rebuilt)));
        Assert.All(LedgerComparison.Floats(rebuild.Cards, live, Sums(rebuilt)), f => Assert.True(f.Matches, f.ToString()));

        var victim = region.Clearing.Entries[new Random(region.History.Appends.Count).Next(region.Clearing.Entries.Count)];
        var line = victim.Postings[0];
        var corrupted = new Dictionary<LedgerKey, long>(live);
        var key = new LedgerKey(victim.Window, victim.Ledger, line.Account.Code);
        corrupted[key] = corrupted[key] + 1;

        var difference = Assert.Single(LedgerComparison.Compare("postings", corrupted, Sums(rebuilt)));
        Assert.Equal(("postings", key.Window, key.City, key.Account, 1L), (difference.Table, difference.Window, difference.City, difference.Account, difference.DifferenceFen));
    });

    [Fact]
    public void A_key_only_one_side_has_is_a_difference_too()
    {
        var key = new LedgerKey(new DateOnly(2026, 11, 26), City.LZ, "2110.LZ-COACH");

        var differences = LedgerComparison.Compare("movements", new Dictionary<LedgerKey, long>(), new Dictionary<LedgerKey, long> { [key] = -2_000 }).ToList();

        Assert.Equal([new LedgerDifference("movements", key.Window, City.LZ, "2110.LZ-COACH", 0, -2_000, 2_000)], differences);
    }

    [Fact]
    public void Money_in_transit_is_what_replaced_cards_gave_up_and_their_replacements_have_not_received()
    {
        var old = CardNumber.Create(City.ZG, 1);
        var replacement = CardNumber.Create(City.ZG, 2);
        var totals = new CardTotals();
        totals.Add(new RecordedCardEvent(1, old, History.Issued()));
        totals.Add(new RecordedCardEvent(2, old, History.ToppedUp(Money.FromFen(5_000))));
        totals.Add(new RecordedCardEvent(3, old, History.Replaced(Money.FromFen(5_000))));

        Assert.Equal((0L, 0L, 7_000L, 1L), (totals.Balances(City.ZG).Fen, totals.Deposits(City.ZG).Fen, totals.InTransit(City.ZG).Fen, totals.Cards));

        totals.Add(new RecordedCardEvent(4, replacement, History.Claimed()));
        totals.Add(new RecordedCardEvent(5, replacement, History.FundsReceived(Money.FromFen(5_000))));
        Assert.Equal((5_000L, 2_000L, 0L, 2L), (totals.Balances(City.ZG).Fen, totals.Deposits(City.ZG).Fen, totals.InTransit(City.ZG).Fen, totals.Cards));
    }

    private static Dictionary<LedgerKey, long> Sums(IEnumerable<JournalEntry> entries)
    {
        var sums = new Dictionary<LedgerKey, long>();
        foreach (var e in entries)
        {
            foreach (var p in e.Postings)
            {
                var key = new LedgerKey(e.Window, e.Ledger, p.Account.Code);
                sums[key] = sums.GetValueOrDefault(key) + p.Amount.Fen;
            }
        }

        return sums;
    }
}
