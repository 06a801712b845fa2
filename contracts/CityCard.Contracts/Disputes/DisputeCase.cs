using System.Text.Json.Serialization;

namespace CityCard.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<DisputeStatus>))]
public enum DisputeStatus
{
    NotOpened = 0,
    Open = 1,
    UnderReview = 2,
    Upheld = 3,
    Rejected = 4,
}

/// <summary>Where an upheld case's refund stands: asked of the card, paid by it, or refused by it (named).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefundStatus>))]
public enum RefundStatus
{
    None = 0,
    Pending = 1,
    Paid = 2,
    Failed = 3,
}

/// <summary>
/// A dispute case as it stands: the charge it is about (as the card knew it when the case was opened), its status,
/// the refund of an upheld case, and every step with who took it and why.
/// </summary>
/// <param name="ChargeAmount">What the charge cost (after fare adjustments) when the case was opened.</param>
/// <param name="Deadline">The last moment the case could have been opened.</param>
/// <param name="DecidedOnHead">The card stream's verified chain head the decision was taken on.</param>
[GenerateSerializer, Immutable, Alias("citycard.dispute-case")]
public sealed record DisputeCase(
    string CaseId,
    CardNumber Card,
    string ChargeOperationId,
    City Issuer,
    City Acquirer,
    Category Category,
    string MerchantId,
    Money ChargeAmount,
    DateTimeOffset ChargeTappedAt,
    DateTimeOffset Deadline,
    DisputeStatus Status,
    Money? RefundAmount,
    RefundStatus Refund,
    string? RefundOperationId,
    string? DecidedOnHead,
    IReadOnlyList<DisputeStep> Steps,
    long Version);

/// <summary>One step of a case: what happened, when, by which city and whom, and why.</summary>
[GenerateSerializer, Immutable, Alias("citycard.dispute-step")]
public sealed record DisputeStep(long Version, string EventType, DateTimeOffset At, City? By, string? Actor, string Text, Money? Amount);

/// <summary>
/// The outcome of one dispute command: Accepted with the case after it, or Rejected with a named code (nothing
/// recorded). <see cref="IsReplay"/> is true when the operation id had already been used for the same command.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.dispute-result")]
public sealed record DisputeResult(
    string CaseId,
    string OperationId,
    OperationStatus Status,
    DisputeRejection? Rejection,
    string? Detail,
    DisputeCase? Case,
    bool IsReplay)
{
    public bool IsAccepted => Status == OperationStatus.Accepted;

    public static DisputeResult Rejected(string caseId, string operationId, DisputeRejection code, string detail, DisputeCase? current = null) =>
        new(caseId, operationId, OperationStatus.Rejected, code, detail, current, false);
}

/// <summary>A line of a city's list of cases: enough to pick one up.</summary>
[GenerateSerializer, Immutable, Alias("citycard.dispute-summary")]
public sealed record DisputeSummary(
    string CaseId,
    CardNumber Card,
    string ChargeOperationId,
    City Issuer,
    City Acquirer,
    DisputeStatus Status,
    Money ChargeAmount,
    Money? RefundAmount,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One page of cases a city is party to, in case id order; <paramref name="NextAfter"/> continues it.</summary>
[GenerateSerializer, Immutable, Alias("citycard.dispute-page")]
public sealed record DisputePage(IReadOnlyList<DisputeSummary> Cases, string? NextAfter);

/// <summary>Case ids: chosen by the caller (the gateways use <c>{city}:{Idempotency-Key}</c>), unique in the region.</summary>
public static class DisputeIds
{
    /// <summary>Short enough that the card's refund operation id, <c>refund:{case}</c>, stays within 64 characters.</summary>
    public const int MaxLength = 48;

    /// <summary>The caller's part of a case id a city's gateway makes, <c>{city}:{key}</c>: what the city and the colon leave.</summary>
    public static int MaxKeyLength { get; } = MaxLength - $"{City.ZG}:".Length;

    public static bool IsValid(string? caseId) =>
        Identifier.IsValid(caseId, MaxLength);
}
