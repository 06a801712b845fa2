using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>Every reason a dispute command can be refused, by name. A refused command records nothing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DisputeRejection>))]
public enum DisputeRejection
{
    // Malformed requests.
    InvalidOperationId = 1,
    InvalidCaseId = 2,

    /// <summary>Who acted: 1 to 64 letters, digits or . _ : - (a staff id or the key id).</summary>
    InvalidActor = 3,

    /// <summary>A reason, note or evidence that is blank, too long or has control characters.</summary>
    InvalidText = 4,
    MalformedCardNumber = 5,
    UnknownCity = 6,
    AmountNotPositive = 7,

    /// <summary>The same operation id was used before on this case for a different command.</summary>
    OperationConflict = 10,

    // Who may act.
    /// <summary>Only the card's issuing city opens a case on it.</summary>
    NotCardIssuer = 20,

    /// <summary>Only the city where the charge was made reviews and decides the case: it gives the money back.</summary>
    NotChargeAcquirer = 21,

    // The case's state.
    /// <summary>No case has this id.</summary>
    CaseNotFound = 30,

    /// <summary>The case id is already taken by a case opened under another operation.</summary>
    CaseAlreadyOpened = 31,

    /// <summary>Review starts only on an open case.</summary>
    CaseNotOpen = 32,

    /// <summary>A case is upheld or rejected only while under review.</summary>
    CaseNotUnderReview = 33,

    /// <summary>The case was already upheld or rejected.</summary>
    CaseDecided = 34,

    // The charge.
    /// <summary>The card has no such charge (or it is older than the card remembers).</summary>
    ChargeNotFound = 40,

    /// <summary>Nothing of the charge is left to refund: it was free, or already reversed or refunded in full.</summary>
    NothingToRefund = 41,

    /// <summary>A refund beyond what the charge cost, less what was reversed or refunded of it.</summary>
    RefundExceedsCharge = 42,

    /// <summary>The case is opened after the deadline (by default 180 days after the charge's tap).</summary>
    DeadlinePassed = 43,

    /// <summary>The card's stream does not verify against its hash chain: nothing is decided on it.</summary>
    StreamNotVerified = 50,
}
