using CityCard.Contracts;

namespace CityCard.Http;

/// <summary>
/// The answer to an accepted clearing command (close, confirm, abort): the window as the command left it. A close
/// answers <c>Closing</c>: the window closes once the projection has posted everything committed before the request
/// (poll the window). A refused command is a problem and changed nothing.
/// </summary>
/// <param name="OperationId">As the clearing house recorded it: <c>RG:</c> and the Idempotency-Key for the region's keys.</param>
/// <param name="Replay">True when this answers a retry: the first outcome, nothing done again.</param>
public sealed record ClearingOperationResponse(string OperationId, OperationStatus Status, WindowView Window, bool Replay);

/// <summary>
/// How far the clearing house's projection of card events into the ledgers has got: <see cref="LagEvents"/> committed
/// events not yet posted, <see cref="OutstandingGaps"/> sequence numbers a transaction in flight may still fill, and
/// <see cref="HeldCards"/>, the cards whose postings are held because their hash chain broke (an alarm while any).
/// </summary>
public sealed record ClearingStatusResponse(
    long Position,
    long Head,
    long LagEvents,
    int OutstandingGaps,
    long Cycles,
    DateTimeOffset? LastCycleAt,
    DateOnly CurrentWindow,
    bool CaughtUp,
    IReadOnlyList<HeldCardView>? HeldCards = null);

/// <summary>The window new business goes to, the projection's lag, and every window not yet settled, oldest first.</summary>
public sealed record ClearingWindowsResponse(DateOnly CurrentWindow, long LagEvents, int OutstandingGaps, IReadOnlyList<WindowView> Windows);
