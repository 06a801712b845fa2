using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Domain.Settlement;
using static CityCard.Domain.Tests.Projection.Cards;

namespace CityCard.Domain.Tests.Projection;

/// <summary>Stories of the projection cycle: gaps that fill late, windows that wait, taps that come after the close.</summary>
public sealed class ProjectionStepTests
{
    private static readonly DateOnly Day26 = new(2026, 11, 26);
    private static readonly DateOnly Day27 = new(2026, 11, 27);
    private readonly ClearingHarness h = new(ClearingPolicy.Default with { AutoCloseAfter = null });

    [Fact]
    public void An_event_that_commits_after_a_later_one_is_posted_when_it_appears()
    {
        h.Append(Zg, Issued(Zg, 2000, China(26, 8)));
        var slow = h.Append(Zg, ToppedUp(5000, City.ZG, China(26, 9)), commit: false);
        h.Append(Zg, ToppedUp(1000, City.ZG, China(26, 9, 1)));

        h.Cycle(China(26, 9, 2));
        Assert.Equal(3, h.State.Checkpoint.Position);
        Assert.Equal([new GapRangeView(2, 2)], h.State.Checkpoint.Gaps.Select(g => new GapRangeView(g.From, g.To)));
        Assert.Empty(h.EntriesOf(slow));

        h.Commit(slow);
        h.Cycle(China(26, 9, 30));

        Assert.Single(h.EntriesOf(slow));
        Assert.Empty(h.State.Checkpoint.Gaps);
    }

    [Fact]
    public void A_number_taken_by_a_rolled_back_transaction_is_kept_until_that_transaction_ends_then_forgotten()
    {
        var lost = h.TakeNumberAndRollBack(China(26, 9));
        h.Append(Zg, Issued(Zg, 2000, China(26, 9, 1)));

        h.Cycle(China(26, 9, 2));
        h.Cycle(China(26, 9, 3));
        Assert.Single(h.State.Checkpoint.Gaps);

        h.RollBack(lost);
        h.Cycle(China(26, 9, 4));
        Assert.Empty(h.State.Checkpoint.Gaps);
    }

    [Fact]
    public void Closing_waits_until_every_event_committed_before_the_cut_off_is_projected()
    {
        h.Append(Zg, Issued(Zg, 2000, China(26, 8)));
        var slow = h.Append(Zg, ToppedUp(5000, City.LZ, China(26, 23, 50)), commit: false);
        h.Append(Zg, ToppedUp(1000, City.ZG, China(26, 23, 55)));
        h.Cycle(China(26, 23, 56));
        h.Commit(slow); // committed before midnight, but the projection has only seen the hole so far

        var closing = h.Close(Day26, China(27, 0, 1));

        Assert.Equal(WindowStatus.Closing, Assert.IsType<CommandOutcome.Accepted>(closing).Window.Status);
        h.Cycle(China(27, 0, 2));
        var window = h.Window(Day26);
        Assert.Equal(WindowStatus.Closed, window.Status);
        Assert.All(h.EntriesOf(slow), e => Assert.Equal((Day26, false), (e.Window, e.Late)));
        Assert.Equal(5000, window.Settlement!.Positions.Single(p => p.City == City.ZG).Net.Fen);
    }

    [Fact]
    public void A_window_does_not_close_before_the_projection_reaches_the_high_water_mark_of_the_request()
    {
        for (var i = 0; i < 5; i++)
        {
            h.Append(Zg, ToppedUp(100, City.LZ, China(26, 10, i)));
        }

        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2), batch: 3);
        Assert.Equal(WindowStatus.Closing, h.Window(Day26).Status);

        h.Cycle(China(27, 0, 3), batch: 3);
        Assert.Equal(WindowStatus.Closed, h.Window(Day26).Status);
        Assert.Equal(500, h.Window(Day26).Settlement!.Positions.Single(p => p.City == City.ZG).Net.Fen);
    }

    [Fact]
    public void A_window_closes_in_a_quiet_system_even_if_the_last_number_handed_out_was_rolled_back()
    {
        h.Append(Zg, ToppedUp(100, City.LZ, China(26, 10)));
        var lost = h.TakeNumberAndRollBack(China(26, 11));
        h.RollBack(lost);
        h.Cycle(China(26, 12));

        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2));

        Assert.Equal(WindowStatus.Closed, h.Window(Day26).Status);
    }

    [Fact]
    public void A_late_offline_tap_after_its_window_closed_lands_in_the_next_window_marked_late()
    {
        h.Append(Zg, ToppedUp(5000, City.ZG, China(26, 8)));
        h.Cycle(China(26, 9));
        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2));
        var before = h.Window(Day26).Settlement;

        var tap = h.Append(Zg, Charged(200, City.LZ, "LZ-BUS", Category.Bus, recorded: China(27, 7), tapped: China(26, 22)));
        h.Cycle(China(27, 7, 1));

        Assert.All(h.EntriesOf(tap), e => Assert.Equal((Day27, true), (e.Window, e.Late)));
        Assert.Same(before, h.Window(Day26).Settlement);
        h.Close(Day27, China(28, 0, 1));
        h.Cycle(China(28, 0, 2));
        var next = h.Window(Day27).Settlement!;
        Assert.Equal(2, next.LateEntries);
        Assert.Equal(-199, next.Positions.Single(p => p.City == City.ZG).Net.Fen);
    }

    [Fact]
    public void After_an_early_close_the_rest_of_the_day_goes_to_the_next_window()
    {
        h.Append(Zg, ToppedUp(5000, City.LZ, China(26, 8)));
        h.Cycle(China(26, 9));
        h.Close(Day26, China(26, 15));
        h.Cycle(China(26, 15, 1));
        Assert.Equal(China(26, 15), h.Window(Day26).CutOffAt);

        var after = h.Append(Zg, ToppedUp(100, City.LZ, China(26, 16)));
        h.Cycle(China(26, 16, 1));

        Assert.All(h.EntriesOf(after), e => Assert.Equal((Day27, true), (e.Window, e.Late)));
        Assert.Equal(Day27, h.State.Book.CurrentWindow(Day26));
    }

    [Fact]
    public void Windows_close_by_themselves_after_the_cut_off_when_configured()
    {
        var auto = new ClearingHarness(ClearingPolicy.Default with { AutoCloseAfter = TimeSpan.FromMinutes(5) });
        auto.Append(Zg, ToppedUp(5000, City.LZ, China(26, 8)));
        auto.Cycle(China(26, 9));

        auto.Cycle(China(27, 0, 4));
        Assert.Equal(WindowStatus.Open, auto.Window(Day26).Status);
        auto.Cycle(China(27, 0, 5));
        Assert.Equal(WindowStatus.Closing, auto.Window(Day26).Status);
        auto.Cycle(China(27, 0, 6));
        Assert.Equal(WindowStatus.Closed, auto.Window(Day26).Status);
    }

    [Fact]
    public void An_aborted_window_is_settled_with_the_next_one_and_the_bank_confirmation_clears_the_dues()
    {
        h.Append(Zg, ToppedUp(5000, City.LZ, China(26, 8)));
        h.Cycle(China(26, 9));
        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2));
        h.Abort(Day26, China(27, 9));
        h.Append(Zg, ToppedUp(1000, City.LZ, China(27, 10)));
        h.Cycle(China(27, 11));
        h.Close(Day27, China(28, 0, 1));
        h.Cycle(China(28, 0, 2));

        var report = h.Window(Day27).Settlement!;
        Assert.Equal([Day26], report.CarriedWindows);
        Assert.Equal(6000, report.Positions.Single(p => p.City == City.ZG).Net.Fen);
        Assert.Equal(Day27, h.Window(Day26).CarriedInto);

        h.Confirm(Day27, China(28, 10));
        var dues = h.Entries.SelectMany(e => e.Postings.Select(p => (e.Ledger, p))).Where(x => x.p.Account.IsInterCity);
        Assert.All(dues.GroupBy(x => (x.Ledger, x.p.Account)), g => Assert.Equal(Money.Zero, g.Aggregate(Money.Zero, (s, x) => s + x.p.Amount)));
        Assert.Empty(h.State.Book.Windows);
    }

    [Fact]
    public void A_city_going_beyond_its_net_debit_cap_is_reported_once_per_window()
    {
        var capped = new ClearingHarness(ClearingPolicy.Default with
        {
            AutoCloseAfter = null,
            NetDebitCaps = new Dictionary<City, Money> { [City.NJ] = Money.FromFen(10_000) },
        });

        capped.Append(Yb, ToppedUp(6_000, City.NJ, China(26, 9)));
        Assert.Empty(capped.Cycle(China(26, 9, 1)).CapCrossings);
        capped.Append(Yb, ToppedUp(6_000, City.NJ, China(26, 10)));
        var crossing = Assert.Single(capped.Cycle(China(26, 10, 1)).CapCrossings);
        capped.Append(Yb, ToppedUp(100, City.NJ, China(26, 11)));

        Assert.Equal((City.NJ, -12_000L, Day26), (crossing.City, crossing.Net.Fen, crossing.Window));
        Assert.Empty(capped.Cycle(China(26, 11, 1)).CapCrossings);
    }

    [Fact]
    public void Every_projected_entry_balances_and_money_events_only_are_posted()
    {
        CityCard.Domain.Tests.Settlement.HandWorkedDayTests.SettleTheDay(h);

        Assert.All(h.Entries, e => Assert.True(e.IsBalanced));
        Assert.Equal(3, h.Entries.Count(e => e.Source.Kind == SourceKind.Event && e.Kind == EntryKind.Issue));
    }

    private sealed record GapRangeView(long From, long To);
}
