using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// Every reason an operation can be refused, by name. Clients branch on these; the numbers are pinned because
/// they are stored inside recorded refusals.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectionCode>))]
public enum RejectionCode
{
    // Malformed requests: nothing is recorded.
    MalformedCardNumber = 1,
    InvalidOperationId = 2,
    AmountNotPositive = 3,
    AmountAboveLimit = 4,
    InvalidMerchantId = 5,
    InvalidTerminalId = 6,
    InvalidTerminalSequence = 7,
    InvalidReason = 8,
    TapTimeInFuture = 9,
    TapTooOld = 10,
    UnknownProduct = 11,
    DepositOutOfRange = 12,
    IssuerMismatch = 13,
    UnknownCity = 14,
    UnknownCategory = 15,
    UnknownChannel = 16,
    UnknownBlockReason = 17,

    // The same operation id was used before for different content.
    OperationConflict = 20,

    // The card's state does not allow the operation.
    CardNotIssued = 30,
    CardAlreadyIssued = 31,
    CardBlocked = 32,
    CardReplaced = 33,
    CardClosed = 34,
    ReplacementPending = 35,
    CardAlreadyBlocked = 36,
    CardNotBlocked = 37,

    /// <summary>
    /// A tap dated before the card was issued (or claimed as a replacement), by more than a terminal's clock may be off
    /// ours: a terminal clock error or a forged tap. Recorded as a refused tap, never charged.
    /// </summary>
    TapBeforeIssue = 38,

    // Money rules.
    InsufficientBalance = 40,
    BalanceCeilingExceeded = 41,

    // Reversals.
    ChargeNotFound = 50,
    ChargeAlreadyReversed = 51,
    ReversalExceedsCharge = 52,

    // Replacement.
    ReplacementSameCard = 60,
    ReplacementIssuerMismatch = 61,
    ReplacementTargetUnavailable = 62,

    // Fares and policies (nothing is recorded: the tap could not be priced).
    /// <summary>A transit tap without its ride (route, stations or times).</summary>
    RideMissing = 70,

    /// <summary>A purchase that names a ride.</summary>
    RideNotExpected = 71,

    /// <summary>A transit tap that names an amount: the fare comes from the city's policy.</summary>
    FareAmountNotExpected = 72,

    /// <summary>A ride whose fields do not fit its mode (a bus without a route, a bike never returned, an end before the start).</summary>
    InvalidRide = 73,

    UnknownRoute = 74,
    UnknownStation = 75,

    /// <summary>Both stations are known, but the policy has no fare between them.</summary>
    NoFareForTrip = 76,

    /// <summary>The city runs no such mode (say, urban rail where there is none).</summary>
    ModeNotOffered = 77,

    /// <summary>No version of the city's policy is in force at that time.</summary>
    NoPolicyInForce = 78,

    /// <summary>Closing a card whose negative balance is more than its deposit can cover.</summary>
    OutstandingDebt = 79,

    // Dispute refunds.
    /// <summary>A refund beyond what the charge cost, less what was already reversed or refunded.</summary>
    RefundExceedsCharge = 80,

    /// <summary>A refund naming a malformed dispute case id.</summary>
    InvalidCaseId = 81,
    // Passes (decision 0060; nothing is recorded for any of these).
    /// <summary>The city (or the region) sells no pass of that id under the version in force.</summary>
    UnknownPassProduct = 90,

    /// <summary>The pass has no price for the card's product (or its concession price is for the city's own cards).</summary>
    PassNotForProduct = 91,

    /// <summary>A monthly pass names the current or the next month; other passes name none.</summary>
    InvalidPassStart = 92,

    /// <summary>The card holds the same pass for an overlapping period, or a first-use pass with the same services not yet started.</summary>
    PassAlreadyHeld = 93,

    /// <summary>The card holds as many passes not yet over as it may.</summary>
    TooManyPasses = 94,

    /// <summary>The card holds no pass of that id.</summary>
    UnknownPass = 95,

    PassAlreadyRefunded = 96,

    /// <summary>The pass is over: its period ended, or a first-use pass was never used in time.</summary>
    PassExpired = 97,

    /// <summary>What the policy's refund rule gives back (pro rata, less the fee) is nothing.</summary>
    NothingLeftOnPass = 98,

    /// <summary>No slice of the card's passes has ended since it was last apportioned, and no apportioned one changed.</summary>
    NothingToApportion = 99,

    /// <summary>A pass product id or a pass id is not an identifier of 1 to 40 letters, digits, '-', '_', '.' or ':'.</summary>
    InvalidPassId = 100,
}
