using CityCard.Contracts;
using CityCard.Domain.Settlement;
using CityCard.Domain.Tests.Projection;
using static CityCard.Domain.Tests.Projection.Cards;

namespace CityCard.Domain.Tests.Settlement;

/// <summary>Every named refusal of the clearing commands, row by row.</summary>
public sealed class WindowCommandsTests
{
    private static readonly DateOnly Day25 = new(2026, 11, 25);
    private static readonly DateOnly Day26 = new(2026, 11, 26);
    private static readonly DateOnly Day27 = new(2026, 11, 27);
    private static readonly ClearingPolicy Policy = ClearingPolicy.Default with { AutoCloseAfter = null };

    [Fact]
    public void Close_refusals()
    {
        var h = new ClearingHarness(Policy);
        h.Append(Zg, ToppedUp(100, City.LZ, China(25, 9)));
        h.Append(Zg, ToppedUp(100, City.LZ, China(26, 9)));
        h.Cycle(China(26, 10));

        Assert.Equal(ClearingRejection.InvalidOperationId, Refusal(WindowCommands.Close(h.State, new CloseWindowRequest("", Day26), China(26, 10), 2, Policy)));
        Assert.Equal(ClearingRejection.WindowInFuture, Refusal(h.Close(Day27, China(26, 10))));
        Assert.Equal(ClearingRejection.EarlierWindowOpen, Refusal(h.Close(Day26, China(26, 10))));
        Assert.IsType<CommandOutcome.Accepted>(h.Close(Day25, China(26, 10)));
        Assert.Equal(ClearingRejection.WindowNotOpen, Refusal(h.Close(Day25, China(26, 10))));
        Assert.Equal(ClearingRejection.WindowNotOpen, Refusal(h.Close(new DateOnly(2026, 11, 20), China(26, 10))));
    }

    /// <summary>
    /// At 23:44 CST on the 26th today's window may be closed early; the 27th, now the current window, may not be closed
    /// until its day begins, however often it is asked: the windows never walk ahead of the calendar.
    /// </summary>
    [Fact]
    public void A_day_that_has_not_begun_cannot_be_closed_even_as_the_current_window_after_an_early_close()
    {
        var h = new ClearingHarness(Policy);
        h.Append(Zg, ToppedUp(100, City.LZ, China(26, 9)));
        h.Cycle(China(26, 23, 44));
        var evening = China(26, 23, 44);

        Assert.IsType<CommandOutcome.Accepted>(h.Close(Day26, evening));
        Assert.Equal(Day27, h.State.Book.CurrentWindow(Policy.Calendar.DayOf(evening)));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var refused = Assert.IsType<CommandOutcome.Rejected>(h.Close(Day27, evening.AddMinutes(attempt)));
            Assert.Equal(ClearingRejection.WindowInFuture, refused.Code);
            Assert.Contains("2026-11-27 00:00 CST", refused.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(ClearingRejection.WindowInFuture, Refusal(h.Close(Day27.AddDays(7), evening)));
        Assert.Equal(Day27, h.State.Book.CurrentWindow(Policy.Calendar.DayOf(evening)));
        Assert.Equal(Day26, h.State.Book.Frontier);
        Assert.Null(h.State.Book.Find(Day27));

        // Once the 27th has begun, its window closes like any other.
        h.Cycle(China(27, 0, 0));
        Assert.IsType<CommandOutcome.Accepted>(h.Close(Day27, China(27, 0, 0)));
    }

    /// <summary>Whether a day has begun follows the business calendar's cut-off, not the calendar date alone.</summary>
    [Theory]
    [InlineData(0, 26, 23, 59, false)]
    [InlineData(0, 27, 0, 0, true)]
    [InlineData(-60, 26, 22, 59, false)]
    [InlineData(-60, 26, 23, 0, true)]
    [InlineData(120, 27, 1, 59, false)]
    [InlineData(120, 27, 2, 0, true)]
    public void The_day_of_the_27th_begins_at_its_cut_off(int cutOffMinutes, int day, int hour, int minute, bool begun)
    {
        var calendar = new BusinessCalendar(TimeSpan.FromMinutes(cutOffMinutes));

        var refusal = WindowCommands.NotBegun(Day27, China(day, hour, minute), calendar);

        Assert.Equal(begun, refusal is null);
        Assert.True(begun || refusal!.Code == ClearingRejection.WindowInFuture);
    }

    [Fact]
    public void Confirm_and_abort_refusals()
    {
        var h = new ClearingHarness(Policy);
        h.Append(Zg, ToppedUp(100, City.LZ, China(26, 9)));
        h.Cycle(China(26, 10));

        Assert.Equal(ClearingRejection.UnknownWindow, Refusal(h.Confirm(Day25, China(26, 10))));
        Assert.Equal(ClearingRejection.WindowNotClosed, Refusal(h.Confirm(Day26, China(26, 10))));
        h.Close(Day26, China(27, 0, 1));
        Assert.Equal(ClearingRejection.WindowNotClosed, Refusal(h.Abort(Day26, China(27, 0, 1))));
        h.Cycle(China(27, 0, 2));
        Assert.Equal(ClearingRejection.InvalidBankReference, Refusal(WindowCommands.Confirm(h.State, h.Window(Day26), new ConfirmSettlementRequest("op", Day26, "no spaces"), China(27, 9), Policy)));
        Assert.Equal(ClearingRejection.InvalidReason, Refusal(WindowCommands.Abort(h.State, h.Window(Day26), new AbortWindowRequest("op", Day26, " "), China(27, 9), Policy)));

        var settled = Assert.IsType<CommandOutcome.Accepted>(h.Confirm(Day26, China(27, 9))).Window;
        Assert.Equal(ClearingRejection.WindowAlreadySettled, Refusal(WindowCommands.Confirm(h.State, settled, new ConfirmSettlementRequest("again", Day26, "BANK-2"), China(27, 9), Policy)));
        Assert.Equal(ClearingRejection.WindowAlreadySettled, Refusal(WindowCommands.Abort(h.State, settled, new AbortWindowRequest("again", Day26, "late"), China(27, 9), Policy)));
    }

    [Fact]
    public void An_aborted_window_cannot_be_settled_or_aborted_again()
    {
        var h = new ClearingHarness(Policy);
        h.Append(Zg, ToppedUp(100, City.LZ, China(26, 9)));
        h.Cycle(China(26, 10));
        h.Close(Day26, China(27, 0, 1));
        h.Cycle(China(27, 0, 2));
        h.Abort(Day26, China(27, 9));

        Assert.Equal(ClearingRejection.WindowAborted, Refusal(h.Confirm(Day26, China(27, 9))));
        Assert.Equal(ClearingRejection.WindowAborted, Refusal(h.Abort(Day26, China(27, 9))));
    }

    private static ClearingRejection Refusal(CommandOutcome outcome) => Assert.IsType<CommandOutcome.Rejected>(outcome).Code;
}
