using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Reconciliation;
using CityCard.Domain.Settlement;
using static CityCard.Domain.Tests.Projection.Cards;

namespace CityCard.Domain.Tests.Projection;

/// <summary>
/// The projection checks every card event's hash-chain link before posting it. A changed event is not posted, nor is
/// anything later of its card, while other cards go on; the hold is released only once the card's stream verifies
/// again (the row restored), and then the held events are posted, late if their window has closed. A rebuild of the
/// ledgers holds and releases exactly as the live clearing house did.
/// </summary>
public sealed class A_broken_chain_holds_the_cards_postings
{
    private static readonly DateOnly Day26 = new(2026, 11, 26);
    private static readonly DateOnly Day27 = new(2026, 11, 27);
    private static readonly ClearingPolicy Policy = ClearingPolicy.Default with { AutoCloseAfter = null };
    private readonly ClearingHarness h = new(Policy);

    [Fact]
    public void A_changed_event_and_every_later_event_of_its_card_are_held_and_other_cards_go_on()
    {
        var (charge, later, other) = Story();

        var change = h.Cycle(China(26, 10));

        Assert.Empty(h.EntriesOf(charge));
        Assert.Empty(h.EntriesOf(later));
        Assert.NotEmpty(h.EntriesOf(other));
        var hold = Assert.Single(change.BrokenChains);
        Assert.Equal((Zg, charge, 3L, "card_charged.v1", "tap-800", ChainBreakKind.HashMismatch), (hold.Card, hold.BreakSequence, hold.Break.Version, hold.Break.EventType, hold.Break.OperationId, hold.Break.Kind));
        Assert.Equal([charge, later], h.State.Holds[Zg].Sequences);
        Assert.Equal([charge, later], h.State.Checkpoint.Held);
        Assert.Equal((2, 6L), (change.HeldEvents, h.State.Checkpoint.Position));

        // A later event of the held card is held too, in a later cycle.
        var more = h.Append(Zg, ToppedUp(100, City.ZG, China(26, 11)));
        var next = h.Cycle(China(26, 11, 1));
        Assert.Empty(next.BrokenChains);
        Assert.Equal([charge, later, more], h.State.Holds[Zg].Sequences);
        Assert.Empty(h.EntriesOf(more));
    }

    [Fact]
    public void An_event_whose_data_cannot_be_read_is_held_as_unreadable()
    {
        h.Append(Nj, Issued(Nj, 0, China(26, 8)));
        var garbled = h.Append(Nj, ToppedUp(500, City.NJ, China(26, 9)));
        h.Garble(garbled);

        var change = h.Cycle(China(26, 10));

        Assert.Equal((ChainBreakKind.Unreadable, 2L), (Assert.Single(change.BrokenChains).Break.Kind, change.BrokenChains[0].Break.Version));
        Assert.Empty(h.EntriesOf(garbled));
    }

    [Fact]
    public void Release_is_refused_while_the_chain_breaks_and_posts_the_held_events_late_once_the_row_is_restored()
    {
        var (charge, later, _) = Story();
        h.Cycle(China(26, 10));
        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2));
        Assert.DoesNotContain(h.Window(Day26).Settlement!.Bilateral, b => b.Payer == City.ZG);

        var refused = Assert.IsType<CommandOutcome.Rejected>(h.Release(Zg, China(27, 9)));
        Assert.Equal(ClearingRejection.ChainStillBroken, refused.Code);
        Assert.Contains("version 3", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(ClearingRejection.CardNotHeld, Assert.IsType<CommandOutcome.Rejected>(h.Release(Lz, China(27, 9))).Code);

        h.Restore(charge, Original);
        Assert.IsType<CommandOutcome.Accepted>(h.Release(Zg, China(27, 9)));

        Assert.All(h.EntriesOf(charge).Concat(h.EntriesOf(later)), e => Assert.Equal((Day27, true), (e.Window, e.Late)));
        Assert.Equal(800, h.EntriesOf(charge).Single(e => e.Ledger == City.ZG).Postings.Single(p => p.Account == Account.CardFloat).Amount.Fen);
        Assert.Empty(h.State.Holds);
        Assert.Empty(h.State.Checkpoint.Held);

        // The card's next event posts as any other.
        var after = h.Append(Zg, ToppedUp(100, City.ZG, China(27, 10)));
        h.Cycle(China(27, 10, 1));
        Assert.NotEmpty(h.EntriesOf(after));
    }

    [Fact]
    public void A_rebuild_holds_and_releases_as_the_live_clearing_house_did()
    {
        var (charge, _, _) = Story();
        h.Cycle(China(26, 10));
        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2));
        h.Confirm(Day26, China(27, 8));
        h.Restore(charge, Original);
        h.Release(Zg, China(27, 9));
        h.Append(Lz, ToppedUp(300, City.LZ, China(27, 10)));
        h.Cycle(China(27, 10, 1));
        h.Close(Day27, China(28, 0, 1));
        h.Cycle(China(28, 0, 2));

        var rebuild = new LedgerRebuild(h.Windows.Values, h.State.Checkpoint, Policy);
        var entries = rebuild.Feed([.. h.Stored.Select(e => e.Recorded)]).Concat(rebuild.Finish()).SelectMany(c => c.Entries).ToList();

        Assert.Empty(rebuild.Problems);
        Assert.Equal(Describe(h.Entries), Describe(entries));
    }

    [Fact]
    public void A_card_still_held_stays_out_of_the_rebuild()
    {
        var (charge, later, _) = Story();
        h.Cycle(China(26, 10));

        var rebuild = new LedgerRebuild([], h.State.Checkpoint, Policy);
        var entries = rebuild.Feed([.. h.Stored.Where(e => e.Event is not null).Select(e => e.Recorded)]).Concat(rebuild.Finish()).SelectMany(c => c.Entries).ToList();

        Assert.DoesNotContain(entries, e => e.Source == EntrySource.Event(charge) || e.Source == EntrySource.Event(later));
        Assert.Equal(Describe(h.Entries), Describe(entries));
    }

    private static readonly CardCharged Original = Charged(800, City.LZ, "LZ-SHOP", Category.Retail, China(26, 9, 30), op: "tap-800");

    /// <summary>A Zigong card pays 8.00 in Luzhou; the row is changed to 0.08 before the clearing house reads it. Then a later charge of the same card, and a Luzhou card's top-up.</summary>
    private (long Charge, long Later, long Other) Story()
    {
        h.Append(Zg, Issued(Zg, 2000, China(26, 8)));
        h.Append(Zg, ToppedUp(10_000, City.ZG, China(26, 8, 5)));
        var charge = h.Append(Zg, Original);
        h.Append(Lz, Issued(Lz, 2000, China(26, 9, 40)));
        var later = h.Append(Zg, Charged(200, City.ZG, "ZG-BUS", Category.Retail, China(26, 9, 45)));
        var other = h.Append(Lz, ToppedUp(500, City.LZ, China(26, 9, 50)));
        h.Tamper(charge, e => ((CardCharged)e) with { Amount = Money.FromFen(8) });
        return (charge, later, other);
    }

    private static List<string> Describe(IEnumerable<JournalEntry> entries) =>
        [.. entries
            .OrderBy(e => e.Source.Kind).ThenBy(e => e.Source.Id).ThenBy(e => e.Leg)
            .Select(e => $"{e.Source}/{e.Leg} {e.Ledger} {e.Kind} {e.Window} late={e.Late} {e.Card} {(e.Source.Kind == SourceKind.Event ? e.OperationId : "")} " +
                         string.Join(",", e.Postings.Select(p => $"{p.Account.Code}:{p.Amount.Fen}")))];
}
