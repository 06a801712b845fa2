using CityCard.Contracts;

namespace CityCard.Http;

/// <summary>
/// The answer to a card operation that was carried out and recorded: accepted, or (taps only) refused with the
/// refusal recorded. Any other outcome is an application/problem+json error and changed nothing.
/// </summary>
/// <param name="OperationId">The operation id as the card recorded it: the gateway's city, a colon, the Idempotency-Key.</param>
/// <param name="Refusal">For a refused tap, why; the terminal shows it and refuses the passenger.</param>
/// <param name="Replay">True when this answers a retry: the first outcome, nothing done again.</param>
/// <param name="Charged">For an accepted charge: what it took from the card (the policy's fare, or the merchant's amount after any discount).</param>
public sealed record CardOperationResponse(
    string OperationId,
    OperationStatus Status,
    RejectionCode? Refusal,
    long Balance,
    CardStatus CardStatus,
    long Version,
    bool Replay,
    long? Charged = null);

/// <summary>How one record of a terminal batch ended.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TapOutcome>))]
public enum TapOutcome
{
    /// <summary>Charged now.</summary>
    Accepted = 1,

    /// <summary>Refused by the card (blocked, insufficient balance…) and the refusal recorded; see the code.</summary>
    Refused = 2,

    /// <summary>The operation id was already recorded on the card: nothing was charged again.</summary>
    Duplicate = 3,

    /// <summary>The card refused it without a trace (too old, card not issued, id reused for another tap…); see the code.</summary>
    Rejected = 4,

    /// <summary>The record could not be read (malformed line, bad field); see the code. No card was touched.</summary>
    Invalid = 5,
}

/// <param name="Record">1-based position of the record in the batch (header and blank lines not counted).</param>
/// <param name="Line">1-based line of the upload the record came from.</param>
/// <param name="FirstOutcome">For a duplicate: how the operation ended the first time (Accepted or Refused).</param>
/// <param name="Charged">For an accepted tap (or a duplicate of one): the fare or amount it took.</param>
public sealed record TapRecordResult(
    int Record,
    int Line,
    string? Card,
    string? OperationId,
    TapOutcome Outcome,
    string? Code,
    string? Detail,
    OperationStatus? FirstOutcome,
    long? Balance,
    long? Charged = null);

public sealed record TapBatchResponse(
    int Records,
    int Accepted,
    int Refused,
    int Duplicates,
    int Rejected,
    int Invalid,
    IReadOnlyList<TapRecordResult> Results);
