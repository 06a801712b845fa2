using CityCard.Contracts;

namespace CityCard.Gateway.Clearing;

/// <summary>
/// The HTTP status of each clearing rejection, by the rule the cards' codes follow (<c>RejectionStatus</c>): 400 the
/// request's shape; 422 a rule that holds whatever the windows' state (a day that has not begun cannot be closed);
/// 404 no such window; 409 the window's state, or an earlier use of the operation id, forbids it now. Codes named as
/// a card's code (InvalidOperationId, InvalidReason, OperationConflict) have the same status as the card's.
/// </summary>
public static class ClearingRejectionStatus
{
    // No discard arm: a new clearing rejection must be given its status here, or the build fails (CS8509).
#pragma warning disable CS8524 // unnamed enum values cannot reach here: the clearing house only returns named codes
    public static int For(ClearingRejection code) => code switch
    {
        ClearingRejection.InvalidOperationId => 400,
        ClearingRejection.InvalidBankReference => 400,
        ClearingRejection.InvalidReason => 400,

        ClearingRejection.WindowInFuture => 422,

        ClearingRejection.UnknownWindow => 404,
        ClearingRejection.CardNotHeld => 404,

        ClearingRejection.OperationConflict => 409,
        ClearingRejection.EarlierWindowOpen => 409,
        ClearingRejection.WindowNotOpen => 409,
        ClearingRejection.WindowNotClosed => 409,
        ClearingRejection.WindowAlreadySettled => 409,
        ClearingRejection.WindowAborted => 409,
        ClearingRejection.ChainStillBroken => 409,
    };
#pragma warning restore CS8524
}
