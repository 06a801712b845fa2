using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Settlement;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Clearing;

/// <summary>
/// Clearing windows on a real cluster and PostgreSQL, with the clearing house driven by the test: closing waits for
/// events committed before the cut-off, a late tap goes to the next window, a late commit is never skipped.
/// Each test starts on a fresh business day, after closing whatever earlier tests left open.
/// </summary>
public sealed class WindowClosingTests(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.MidnightChina;
    private readonly ClearingDays days = new(fixture);

    [Fact]
    public async Task Closing_waits_for_an_event_committed_before_the_cut_off_that_the_projection_had_only_seen_as_a_gap()
    {
        var day = await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.ZG);
        var topUp = NewOp("held-topup");
        await using var held = await fixture.HoldAppendAsync(card, Issued(card), new CardToppedUp(topUp, Now, Money.FromFen(5000), City.LZ, TopUpChannel.Kiosk));
        var other = CardClusterFixture.NewCard(City.NJ);
        Assert.True((await fixture.Cards.IssueAsync(other, Issue(other))).IsAccepted);
        Assert.True((await fixture.Clearing.CatchUpAsync()).OutstandingGaps > 0);

        await held.CommitAsync();
        fixture.AdvanceTo(Calendar.EndOf(day).AddMinutes(1));
        var closing = await fixture.Clearing.CloseWindowAsync(new CloseWindowRequest(NewOp("close"), day));

        Assert.Equal(WindowStatus.Closing, closing.Window?.Status);
        Assert.Equal(WindowStatus.Closing, (await fixture.Clearing.GetWindowAsync(day))?.Status);
        var report = await fixture.Clearing.WaitForSettlementAsync(day, TimeSpan.FromSeconds(30));
        Assert.All(await fixture.PostingsOfAsync(topUp), p => Assert.Equal((day, false), (p.Window, p.Late)));
        Assert.Equal(["ZG +5000", "LZ -5000", "NJ 0", "YB 0"], report!.Positions.Select(p => $"{p.City} {p.Net.Fen:+0;-0;0}"));
    }

    [Fact]
    public async Task A_late_offline_tap_after_the_window_closed_lands_in_the_next_window_marked_late()
    {
        var day = await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.ZG);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(10_000));
        var closed = await days.CloseAsync(day);

        var tap = Charge(200, tappedAt: Calendar.EndOf(day).AddHours(-2), City.LZ, Category.Retail);
        Assert.True((await fixture.Cards.ChargeAsync(card, tap)).IsAccepted);
        await fixture.Clearing.CatchUpAsync();

        var next = day.AddDays(1);
        Assert.All(await fixture.PostingsOfAsync(tap.OperationId), p => Assert.Equal((next, true), (p.Window, p.Late)));
        Assert.Equal(closed, await fixture.Clearing.GetSettlementAsync(day), SettlementComparer.Instance);
        var nextReport = await days.CloseAsync(next);
        Assert.Equal(2, nextReport.LateEntries);
        Assert.Equal(-198, nextReport.Positions.Single(p => p.City == City.ZG).Net.Fen); // 2.00 less the 80 bp fee (1.6 fen, rounded to 2)
    }

    [Fact]
    public async Task An_event_committed_after_its_window_closed_is_not_skipped_but_posted_late_in_the_next()
    {
        var day = await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.YB);
        var topUp = NewOp("slow-topup");
        await using var held = await fixture.HoldAppendAsync(card, Issued(card), new CardToppedUp(topUp, Now, Money.FromFen(3000), City.NJ, TopUpChannel.Kiosk));
        var other = CardClusterFixture.NewCard(City.LZ);
        Assert.True((await fixture.Cards.IssueAsync(other, Issue(other))).IsAccepted);
        await fixture.Clearing.CatchUpAsync();

        var report = await days.CloseAsync(day);
        Assert.All(report.Positions, p => Assert.Equal(Money.Zero, p.Net));

        await held.CommitAsync();
        var status = await fixture.Clearing.CatchUpAsync();

        Assert.Equal(0, status.OutstandingGaps);
        Assert.All(await fixture.PostingsOfAsync(topUp), p => Assert.Equal((day.AddDays(1), true), (p.Window, p.Late)));
    }

    [Fact]
    public async Task Clearing_commands_are_idempotent_by_operation_id_and_refusals_are_named()
    {
        var day = await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.NJ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(5_000, City.NJ));
        await fixture.Cards.ChargeAsync(card, Charge(1_000, Now, City.YB, Category.Cinema));
        await fixture.Clearing.CatchUpAsync();
        fixture.AdvanceTo(Calendar.EndOf(day).AddMinutes(1));
        var close = new CloseWindowRequest(NewOp("close"), day);

        var first = await fixture.Clearing.CloseWindowAsync(close);
        var retry = await fixture.Clearing.CloseWindowAsync(close);
        var conflict = await fixture.Clearing.CloseWindowAsync(close with { Window = day.AddDays(1) });
        await fixture.Clearing.WaitForSettlementAsync(day, TimeSpan.FromSeconds(30));
        var settle = await fixture.Clearing.ConfirmSettlementAsync(new ConfirmSettlementRequest(NewOp("settle"), day, "BANK-0001"));
        var settleAgain = await fixture.Clearing.ConfirmSettlementAsync(new ConfirmSettlementRequest(NewOp("settle"), day, "BANK-0002"));

        Assert.Equal((OperationStatus.Accepted, false), (first.Status, first.IsReplay));
        Assert.Equal((OperationStatus.Accepted, true, WindowStatus.Closing), (retry.Status, retry.IsReplay, retry.Window?.Status));
        Assert.Equal(ClearingRejection.OperationConflict, conflict.Rejection);
        Assert.Equal(WindowStatus.Settled, settle.Window?.Status);
        Assert.Equal(ClearingRejection.WindowAlreadySettled, settleAgain.Rejection);
    }

    /// <summary>
    /// At 23:44 CST today's window may be closed early, but tomorrow's, now the current window, is refused until its
    /// day begins, however often it is asked: the windows stay on the calendar and nothing is recorded.
    /// </summary>
    [Fact]
    public async Task A_day_that_has_not_begun_cannot_be_closed_and_asking_again_does_not_walk_the_windows_ahead()
    {
        var day = await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.ZG);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(3_000, City.YB));
        var tomorrow = day.AddDays(1);
        fixture.AdvanceTo(Calendar.StartOf(tomorrow).AddMinutes(-16));

        var early = await fixture.Clearing.CloseWindowAsync(new CloseWindowRequest(NewOp("close"), day));
        Assert.True(early.IsAccepted, $"{early.Rejection}: {early.Detail}");
        Assert.NotNull(await fixture.Clearing.WaitForSettlementAsync(day, TimeSpan.FromSeconds(30)));
        Assert.Equal(tomorrow, (await fixture.Clearing.GetProjectionStatusAsync()).CurrentWindow);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var refused = await fixture.Clearing.CloseWindowAsync(new CloseWindowRequest(NewOp("close"), tomorrow));
            Assert.Equal((OperationStatus.Rejected, ClearingRejection.WindowInFuture), (refused.Status, refused.Rejection));
            Assert.Contains($"{tomorrow:yyyy-MM-dd} 00:00 CST", refused.Detail, StringComparison.Ordinal);
        }

        var status = await fixture.Clearing.GetProjectionStatusAsync();
        Assert.Equal(tomorrow, status.CurrentWindow);
        Assert.DoesNotContain(status.UnsettledWindows, w => w.Window > day && w.Status != WindowStatus.Open);
        Assert.Null(await fixture.Clearing.GetWindowAsync(tomorrow.AddDays(1)));

        // Once tomorrow has begun its window closes like any other.
        fixture.AdvanceTo(Calendar.StartOf(tomorrow));
        Assert.True((await fixture.Clearing.CloseWindowAsync(new CloseWindowRequest(NewOp("close"), tomorrow))).IsAccepted);
        Assert.NotNull(await fixture.Clearing.WaitForSettlementAsync(tomorrow, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Trial_balances_balance_and_the_projection_reports_its_lag()
    {
        await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.LZ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(2_500, City.ZG));

        var behind = await fixture.Clearing.GetProjectionStatusAsync();
        var caughtUp = await fixture.Clearing.CatchUpAsync();

        Assert.True(behind.LagEvents >= 2, $"lag {behind.LagEvents}");
        Assert.Equal(0, caughtUp.LagEvents);
        foreach (var city in Cities.All)
        {
            var balance = await fixture.Clearing.GetTrialBalanceAsync(city);
            Assert.True(balance.IsBalanced, $"{city}: {balance.TotalDebits} vs {balance.TotalCredits}");
        }

        var lz = await fixture.Clearing.GetTrialBalanceAsync(City.LZ);
        Assert.Contains(lz.Lines, l => l.Code == "1210.ZG" && l.Balance.IsPositive);
    }

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private CardIssued Issued(string card) =>
        new(NewOp("issue"), Now, CardNumber.Parse(card), CardNumber.Parse(card).Issuer, ProductCode.Standard, Money.Zero);

    /// <summary>Settlement records hold lists, which records compare by reference; compare their JSON instead.</summary>
    private sealed class SettlementComparer : IEqualityComparer<SettlementReport?>
    {
        public static readonly SettlementComparer Instance = new();

        public bool Equals(SettlementReport? x, SettlementReport? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(SettlementReport? obj) => 0;
    }
}
