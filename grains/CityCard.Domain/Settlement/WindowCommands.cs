using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Settlement;

/// <summary>
/// The clearing commands as pure decisions over the state: close a window, record the bank's confirmation, abort.
/// The order of checks is fixed: the request's shape, then the window's state. Idempotency (same operation id) is
/// answered before these are asked.
/// </summary>
public static class WindowCommands
{
    /// <summary>
    /// Starts closing a window. Allowed for any past business day whose window is open, and for today's (an early close:
    /// the cut-off becomes now). Never for a day that has not begun, not even when it is the current window because
    /// today's was closed early: closing it would close a day before any of its business could happen, and repeating
    /// that would walk the windows ahead of the calendar. The high-water mark must have been read at or after
    /// <paramref name="now"/>.
    /// </summary>
    public static CommandOutcome Close(ClearingState state, CloseWindowRequest r, DateTimeOffset now, long highWater, ClearingPolicy policy)
    {
        if (!RequestValidation.IsValidOperationId(r.OperationId))
        {
            return InvalidOperationId();
        }

        var book = state.Book;
        if (NotBegun(r.Window, now, policy.Calendar) is { } notBegun)
        {
            return notBegun;
        }

        var window = book.Find(r.Window);
        if (window is null && book.Frontier is { } frontier && r.Window <= frontier)
        {
            return new CommandOutcome.Rejected(ClearingRejection.WindowNotOpen, $"Window {Day(r.Window)} was passed by when a later window closed.");
        }

        window ??= ClearingWindow.Open(r.Window, policy.Calendar);
        if (window.Status != WindowStatus.Open)
        {
            return new CommandOutcome.Rejected(ClearingRejection.WindowNotOpen, $"Window {Day(r.Window)} is {window.Status}.");
        }

        if (book.WithStatus(WindowStatus.Open).FirstOrDefault(w => w.Date < r.Window) is { } earlier)
        {
            return new CommandOutcome.Rejected(ClearingRejection.EarlierWindowOpen, $"Window {Day(earlier.Date)} is still open; windows close in date order.");
        }

        var change = new ClearingChangeBuilder(state, policy);
        var closing = window with
        {
            Status = WindowStatus.Closing,
            CutOffAt = now < window.CutOffAt ? now : window.CutOffAt,
            CloseRequestedAt = now,
            CloseHighWater = highWater,
            CloseCycle = state.Checkpoint.Cycle,
            ClosingCheckpoint = state.Checkpoint,
        };
        change.Set(closing);
        return new CommandOutcome.Accepted(change.Build(), closing);
    }

    /// <summary>Records the settlement bank's confirmation and posts the settlement: dues and payouts cleared against cash.</summary>
    public static CommandOutcome Confirm(ClearingState state, ClearingWindow? window, ConfirmSettlementRequest r, DateTimeOffset now, ClearingPolicy policy)
    {
        if (!RequestValidation.IsValidOperationId(r.OperationId))
        {
            return InvalidOperationId();
        }

        if (!RequestValidation.IsIdentifier(r.BankReference, ClearingLimits.MaxBankReferenceLength))
        {
            return new CommandOutcome.Rejected(ClearingRejection.InvalidBankReference, $"A bank reference is 1 to {ClearingLimits.MaxBankReferenceLength} letters, digits or . _ : -");
        }

        if (CheckClosed(window, r.Window) is { } refused)
        {
            return refused;
        }

        var closed = window!;
        var change = new ClearingChangeBuilder(state, policy);
        change.Post(EntrySource.SettlementOf(closed.Date), closed.Date, false, SettlementPostings.For(closed.Settlement!), null, r.OperationId, now, now);
        var settled = change.Book.Find(closed.Date)! with { Status = WindowStatus.Settled, SettledAt = now, BankReference = r.BankReference, SettledInCycle = state.Checkpoint.Cycle };
        change.Set(settled);
        change.Drop(closed.Date);
        foreach (var carried in state.Book.Windows.Values.Where(w => w.CarriedInto == closed.Date))
        {
            change.Drop(carried.Date);
        }

        return new CommandOutcome.Accepted(change.Build(), settled);
    }

    /// <summary>Gives up settling a closed window; it and anything it carried wait for the next window to close.</summary>
    public static CommandOutcome Abort(ClearingState state, ClearingWindow? window, AbortWindowRequest r, DateTimeOffset now, ClearingPolicy policy)
    {
        if (!RequestValidation.IsValidOperationId(r.OperationId))
        {
            return InvalidOperationId();
        }

        if (!RequestValidation.IsValidReason(r.Reason))
        {
            return new CommandOutcome.Rejected(ClearingRejection.InvalidReason, $"A reason is 1 to {ClearingLimits.MaxReasonLength} characters of text.");
        }

        if (CheckClosed(window, r.Window) is { } refused)
        {
            return refused;
        }

        var change = new ClearingChangeBuilder(state, policy);
        var aborted = window! with { Status = WindowStatus.Aborted, AbortedAt = now, AbortReason = r.Reason, AbortedInCycle = state.Checkpoint.Cycle };
        change.Set(aborted);
        foreach (var carried in state.Book.Windows.Values.Where(w => w.CarriedInto == r.Window))
        {
            change.Set(carried with { CarriedInto = null });
        }

        return new CommandOutcome.Accepted(change.Build(), aborted);
    }

    /// <summary>WindowInFuture when the window's business day (China Standard Time, from the cut-off) has not begun at <paramref name="now"/>.</summary>
    public static CommandOutcome.Rejected? NotBegun(DateOnly window, DateTimeOffset now, BusinessCalendar calendar)
    {
        var begins = calendar.StartOf(window);
        return now >= begins
            ? null
            : new(ClearingRejection.WindowInFuture, $"Window {Day(window)} has not begun: its business day begins at {begins.ToChinaTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} CST; today's window is {Day(calendar.DayOf(now))}.");
    }

    private static CommandOutcome.Rejected? CheckClosed(ClearingWindow? window, DateOnly date) => window?.Status switch
    {
        null => new(ClearingRejection.UnknownWindow, $"There is no window {Day(date)}."),
        WindowStatus.Closed => null,
        WindowStatus.Settled => new(ClearingRejection.WindowAlreadySettled, $"Window {Day(date)} was settled at {window.SettledAt:O} ({window.BankReference})."),
        WindowStatus.Aborted => new(ClearingRejection.WindowAborted, $"Window {Day(date)} was aborted: {window.AbortReason}"),
        _ => new(ClearingRejection.WindowNotClosed, $"Window {Day(date)} is {window.Status}; only a closed window can be settled or aborted."),
    };

    // Business dates as the region writes them (yyyy-MM-dd), not as a culture would (11/26/2026): these details reach people.
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static CommandOutcome.Rejected InvalidOperationId() =>
        new(ClearingRejection.InvalidOperationId, $"An operation id is 1 to {ClearingLimits.MaxOperationIdLength} letters, digits or . _ : -");
}
