namespace CityCard.Contracts;

// Commands to the region's clearing house. Each carries an operation id chosen by the caller: a retry with the same
// id returns the first outcome; the same id with different content is an OperationConflict.
// Positional parameters get their serialization ids in declaration order: append new ones, never reorder.

[GenerateSerializer, Alias("citycard.clearing-request")]
public abstract record ClearingRequest(string OperationId);

/// <summary>
/// Close the window of <paramref name="Window"/> (a business date). Before its scheduled cut-off this is an early
/// close: the cut-off becomes the time of the request, and the next business day's window takes what follows.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.close-window")]
public sealed record CloseWindowRequest(string OperationId, DateOnly Window) : ClearingRequest(OperationId);

/// <summary>Record the settlement bank's confirmation that the window's net positions and payouts were paid.</summary>
[GenerateSerializer, Immutable, Alias("citycard.confirm-settlement")]
public sealed record ConfirmSettlementRequest(string OperationId, DateOnly Window, string BankReference)
    : ClearingRequest(OperationId);

/// <summary>
/// Release a card whose postings are held because its hash chain broke: allowed once its whole stream verifies again
/// (the changed event restored); its held events are then posted, late if their windows have closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.release-held-card")]
public sealed record ReleaseHeldCardRequest(string OperationId, CardNumber Card) : ClearingRequest(OperationId);

/// <summary>Give up settling a closed window; its obligations roll into the next window that closes.</summary>
[GenerateSerializer, Immutable, Alias("citycard.abort-window")]
public sealed record AbortWindowRequest(string OperationId, DateOnly Window, string Reason) : ClearingRequest(OperationId);
