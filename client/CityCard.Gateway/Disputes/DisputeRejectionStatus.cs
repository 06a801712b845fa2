using CityCard.Contracts;

namespace CityCard.Gateway.Disputes;

/// <summary>
/// The HTTP status of each dispute refusal (a refusal recorded nothing): 400 the request's shape; 403 a city that may
/// not take this step; 404 no such case or charge; 409 the case's state, an earlier use of the key, or a card stream
/// that does not verify; 422 a rule whatever the state (the deadline, what is left of the charge).
/// </summary>
public static class DisputeRejectionStatus
{
    // No discard arm: a new code must be given its status here, or the build fails (CS8509).
#pragma warning disable CS8524 // unnamed enum values cannot reach here: the grains only return named codes
    public static int For(DisputeRejection code) => code switch
    {
        DisputeRejection.InvalidOperationId => 400,
        DisputeRejection.InvalidCaseId => 400,
        DisputeRejection.InvalidActor => 400,
        DisputeRejection.InvalidText => 400,
        DisputeRejection.MalformedCardNumber => 400,
        DisputeRejection.UnknownCity => 400,
        DisputeRejection.NotCardIssuer => 403,
        DisputeRejection.NotChargeAcquirer => 403,
        DisputeRejection.CaseNotFound => 404,
        DisputeRejection.ChargeNotFound => 404,
        DisputeRejection.OperationConflict => 409,
        DisputeRejection.CaseAlreadyOpened => 409,
        DisputeRejection.CaseNotOpen => 409,
        DisputeRejection.CaseNotUnderReview => 409,
        DisputeRejection.CaseDecided => 409,
        DisputeRejection.StreamNotVerified => 409,
        DisputeRejection.AmountNotPositive => 422,
        DisputeRejection.NothingToRefund => 422,
        DisputeRejection.RefundExceedsCharge => 422,
        DisputeRejection.DeadlinePassed => 422,
    };
#pragma warning restore CS8524
}
