using CityCard.Contracts;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Settlement;

/// <summary>
/// One business day's clearing window. Closing records the sequence high-water mark at the request and the projection
/// cycle it was made in: the window closes once a later cycle has projected up to that mark, so every event committed
/// before the cut-off is in it (see docs/decisions/0012). Each change of status also records where the projection
/// stood (the checkpoint, or its cycle), so that a rebuild of the ledgers can replay the windows exactly as they
/// happened among the events (see docs/decisions/0033).
/// </summary>
public sealed record ClearingWindow(
    DateOnly Date,
    WindowStatus Status,
    DateTimeOffset CutOffAt,
    long Entries = 0,
    int LateEntries = 0,
    DateTimeOffset? CloseRequestedAt = null,
    long CloseHighWater = 0,
    long CloseCycle = 0,
    DateTimeOffset? ClosedAt = null,
    SettlementReport? Settlement = null,
    DateTimeOffset? SettledAt = null,
    string? BankReference = null,
    DateTimeOffset? AbortedAt = null,
    string? AbortReason = null,
    DateOnly? CarriedInto = null,
    Checkpoint? ClosingCheckpoint = null,
    Checkpoint? ClosedCheckpoint = null,
    long? SettledInCycle = null,
    long? AbortedInCycle = null)
{
    public static ClearingWindow Open(DateOnly date, BusinessCalendar calendar) => new(date, WindowStatus.Open, calendar.EndOf(date));

    /// <summary>An aborted window whose obligations no later window has taken over yet.</summary>
    public bool AwaitsCarrying => Status == WindowStatus.Aborted && CarriedInto is null;

    public WindowView ToView() =>
        new(Date, Status, CutOffAt, CloseRequestedAt, ClosedAt, SettledAt, BankReference, AbortedAt, AbortReason, CarriedInto);
}
