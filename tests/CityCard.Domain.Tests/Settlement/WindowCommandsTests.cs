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
