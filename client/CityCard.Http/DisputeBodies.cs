namespace CityCard.Http;

// The JSON bodies of dispute cases at the city gateways. The acting city is the gateway's own; who acted is the key.
// Amounts are integer fen.

/// <summary>
/// POST /v1/cards/{card}/disputes: the card's issuing city opens a case against one charge, named by its operation id
/// as the card's history shows it (e.g. <c>LZ:tap:LZ-COACH-T1:17</c>). The Idempotency-Key (at most 45 characters)
/// names the case: its id is <c>{city}:{key}</c>.
/// </summary>
public sealed record OpenDisputeBody
{
    public required string ChargeOperationId { get; init; }

    /// <summary>The holder's complaint, up to 200 characters.</summary>
    public required string Reason { get; init; }

    /// <summary>What the desk saw or took: receipts, times, notes; up to 1,000 characters.</summary>
    public required string Evidence { get; init; }
}

/// <summary>POST /v1/disputes/{case}/review: the charge's city takes the case up.</summary>
public sealed record ReviewDisputeBody
{
    public required string Note { get; init; }
}

/// <summary>POST /v1/disputes/{case}/uphold: refund <see cref="Amount"/> fen, or all that is left of the charge when omitted.</summary>
public sealed record UpholdDisputeBody
{
    public long? Amount { get; init; }

    public required string Reason { get; init; }
}

/// <summary>POST /v1/disputes/{case}/reject: the charge stands.</summary>
public sealed record RejectDisputeBody
{
    public required string Reason { get; init; }
}
