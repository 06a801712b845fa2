using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>Every reason a clearing command can be refused, by name. A refused command records nothing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClearingRejection>))]
public enum ClearingRejection
{
    // Malformed requests.
    InvalidOperationId = 1,
    InvalidBankReference = 2,
    InvalidReason = 3,

    /// <summary>The same operation id was used before for a different command.</summary>
    OperationConflict = 10,

    // The window's state does not allow the command.
    /// <summary>
    /// Closing a window whose business day (China Standard Time, from the cut-off) has not begun, even the current one
    /// after today's was closed early.
    /// </summary>
    WindowInFuture = 20,

    /// <summary>An earlier window is still open: windows close in date order.</summary>
    EarlierWindowOpen = 21,

    /// <summary>Closing a window that is already closing, closed, settled or aborted.</summary>
    WindowNotOpen = 22,

    /// <summary>Confirming or aborting a window that has not finished closing.</summary>
    WindowNotClosed = 23,

    WindowAlreadySettled = 24,
    WindowAborted = 25,
    UnknownWindow = 26,

    // Held cards (a card whose hash chain broke).
    /// <summary>Releasing a card whose postings are not held.</summary>
    CardNotHeld = 30,

    /// <summary>Releasing a held card whose stream still does not verify: restore the changed event first.</summary>
    ChainStillBroken = 31,
}
