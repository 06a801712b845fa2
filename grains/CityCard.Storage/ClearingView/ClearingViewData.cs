using CityCard.Contracts;

namespace CityCard.Silo.ClearingView;

/// <summary>
/// What the clearing view shows, as its JSON endpoint (<c>/clearing/data</c>) answers it: the projection, the windows,
/// the current window's positions and flows so far, and the recent card activity. Amounts are fen.
/// </summary>
public sealed record ClearingViewData(
    DateTimeOffset GeneratedAt,
    ProjectionFacts Projection,
    IReadOnlyList<WindowRow> Windows,
    DateOnly CurrentWindow,
    IReadOnlyList<CityNet> NetPositions,
    IReadOnlyList<Flow> Flows,
    TapActivity Activity);

/// <summary>The projection of card events into the ledgers: where it is, the newest event, and how far behind.</summary>
public sealed record ProjectionFacts(long Position, long Head, long LagEvents, int OutstandingGaps, long Cycles, DateTimeOffset? LastCycleAt, string HostSilo);

/// <summary>A clearing window and its state; the times are known for windows not yet settled.</summary>
public sealed record WindowRow(DateOnly Window, string Status, DateTimeOffset? CutOffAt, DateTimeOffset? ClosedAt, DateTimeOffset? SettledAt, string? Note);

/// <summary>
/// A city's running net position in the current window (positive receives, negative pays) against its net debit cap:
/// <see cref="BeyondCap"/> when it owes more than the cap allows.
/// </summary>
public sealed record CityNet(City City, long NetFen, long? CapFen, bool BeyondCap);

/// <summary>What one city owes another so far in the current window, gross of fees (fares and top-ups, less reversals).</summary>
public sealed record Flow(City Payer, City Payee, long GrossFen);

/// <summary>
/// Card activity of the last <see cref="Minutes"/> minutes, read from the newest card events (at most
/// <see cref="EventsScanned"/> of them; <see cref="Truncated"/> when older minutes were beyond that).
/// </summary>
public sealed record TapActivity(
    int Minutes,
    DateTimeOffset Since,
    int EventsScanned,
    bool Truncated,
    IReadOnlyList<MinuteTaps> TapsPerMinute,
    IReadOnlyList<CategoryTaps> TapsByCityAndCategory,
    IReadOnlyList<RefusalCount> Refusals);

/// <summary>Taps charged in one minute (UTC) at one city's terminals.</summary>
public sealed record MinuteTaps(DateTimeOffset Minute, City City, long Taps);

public sealed record CategoryTaps(City City, Category Category, long Taps);

/// <summary>Taps refused and recorded (the card could not pay, was blocked…), by rejection code.</summary>
public sealed record RefusalCount(RejectionCode Code, long Count);
