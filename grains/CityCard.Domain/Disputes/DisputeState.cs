using System.Collections.Immutable;
using CityCard.Contracts;

namespace CityCard.Domain.Disputes;

/// <summary>
/// Everything a case needs to decide its next command, built only by folding its events (<see cref="DisputeEvolver"/>).
/// A case is small and short: it keeps every step and every operation id it ever recorded.
/// </summary>
public sealed record DisputeState
{
    public required string CaseId { get; init; }

    public DisputeStatus Status { get; init; }

    /// <summary>The opening, with the charge's facts; null until the case is opened.</summary>
    public DisputeOpened? Opened { get; init; }

    public DisputeUpheld? Upheld { get; init; }

    public RefundStatus Refund { get; init; }

    public string? DecidedOnHead { get; init; }

    public ImmutableList<DisputeStep> Steps { get; init; } = [];

    /// <summary>Every operation id recorded on the case, with the fingerprint of what it asked.</summary>
    public ImmutableDictionary<string, string> Operations { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public long Version { get; init; }

    /// <summary>Upheld, and the card has not yet answered the refund: the case must finish asking it.</summary>
    public bool RefundPending => Refund == RefundStatus.Pending;

    public static DisputeState Initial(string caseId) => new() { CaseId = caseId };

    public DisputeCase? ToView() => Opened is not { } o
        ? null
        : new DisputeCase(
            CaseId, o.Card, o.ChargeOperationId, o.Card.Issuer, o.Acquirer, o.Category, o.MerchantId, o.ChargeAmount, o.ChargeTappedAt, o.Deadline,
            Status, Upheld?.Amount, Refund, Upheld?.RefundOperationId, DecidedOnHead, Steps, Version);
}
