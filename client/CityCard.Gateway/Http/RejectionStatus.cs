using CityCard.Contracts;

namespace CityCard.Gateway.Http;

/// <summary>
/// The HTTP status of each rejection code, when an operation is refused without being recorded. 400: the request
/// cannot be understood as one of ours (shape). 422: understood, but breaks a rule that holds whatever the card's state
/// (limits, clock, issuer). 404: the card or the charge does not exist. 409: the card's state, or an earlier use of
/// the operation id, forbids it now. A refused tap is recorded, so it is no error at all: 200 with status Refused.
/// </summary>
public static class RejectionStatus
{
    // No discard arm: a new rejection code must be given its status here, or the build fails (CS8509).
#pragma warning disable CS8524 // unnamed enum values cannot reach here: the grains only return named codes
    public static int For(RejectionCode code) => code switch
    {
        RejectionCode.MalformedCardNumber => 400,
        RejectionCode.InvalidOperationId => 400,
        RejectionCode.InvalidMerchantId => 400,
        RejectionCode.InvalidTerminalId => 400,
        RejectionCode.InvalidTerminalSequence => 400,
        RejectionCode.InvalidReason => 400,
        RejectionCode.UnknownCity => 400,
        RejectionCode.UnknownCategory => 400,
        RejectionCode.UnknownChannel => 400,
        RejectionCode.UnknownBlockReason => 400,
        RejectionCode.RideMissing => 400,
        RejectionCode.RideNotExpected => 400,
        RejectionCode.FareAmountNotExpected => 400,
        RejectionCode.InvalidRide => 400,
        RejectionCode.InvalidCaseId => 400,
        RejectionCode.InvalidPassId => 400,

        RejectionCode.AmountNotPositive => 422,
        RejectionCode.AmountAboveLimit => 422,
        RejectionCode.TapTimeInFuture => 422,
        RejectionCode.TapTooOld => 422,
        RejectionCode.TapBeforeIssue => 422,
        RejectionCode.UnknownProduct => 422,
        RejectionCode.DepositOutOfRange => 422,
        RejectionCode.IssuerMismatch => 422,
        RejectionCode.ReversalExceedsCharge => 422,
        RejectionCode.RefundExceedsCharge => 422,
        RejectionCode.ReplacementSameCard => 422,
        RejectionCode.ReplacementIssuerMismatch => 422,
        RejectionCode.UnknownRoute => 422,
        RejectionCode.UnknownStation => 422,
        RejectionCode.NoFareForTrip => 422,
        RejectionCode.ModeNotOffered => 422,
        RejectionCode.NoPolicyInForce => 422,
        RejectionCode.UnknownPassProduct => 422,
        RejectionCode.PassNotForProduct => 422,
        RejectionCode.InvalidPassStart => 422,

        RejectionCode.CardNotIssued => 404,
        RejectionCode.ChargeNotFound => 404,
        RejectionCode.UnknownPass => 404,

        RejectionCode.OperationConflict => 409,
        RejectionCode.CardAlreadyIssued => 409,
        RejectionCode.CardBlocked => 409,
        RejectionCode.CardReplaced => 409,
        RejectionCode.CardClosed => 409,
        RejectionCode.ReplacementPending => 409,
        RejectionCode.CardAlreadyBlocked => 409,
        RejectionCode.CardNotBlocked => 409,
        RejectionCode.InsufficientBalance => 409,
        RejectionCode.BalanceCeilingExceeded => 409,
        RejectionCode.ChargeAlreadyReversed => 409,
        RejectionCode.ReplacementTargetUnavailable => 409,
        RejectionCode.OutstandingDebt => 409,
        RejectionCode.PassAlreadyHeld => 409,
        RejectionCode.TooManyPasses => 409,
        RejectionCode.PassAlreadyRefunded => 409,
        RejectionCode.PassExpired => 409,
        RejectionCode.NothingLeftOnPass => 409,
        RejectionCode.NothingToApportion => 409,
    };
#pragma warning restore CS8524
}
