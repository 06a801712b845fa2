using CityCard.Contracts;

namespace CityCard.Client.Http;

// The JSON bodies the city gateways accept, shared by the gateway (which reads them, refusing unknown fields) and the
// HTTP client (which writes them). Amounts are integer fen. The city of an operation is never in a body: it is the
// gateway's own city (the issuer, the loading city, the acquirer).

/// <summary>POST /v1/cards/{card}/issue: sell the card under one of the city's products.</summary>
public sealed record IssueCardBody
{
    public required string Product { get; init; }

    public required long Deposit { get; init; }
}

/// <summary>POST /v1/cards/{card}/top-ups.</summary>
public sealed record TopUpBody
{
    public required long Amount { get; init; }

    public required TopUpChannel Channel { get; init; }
}

/// <summary>POST /v1/cards/{card}/charges: one online tap or purchase.</summary>
public sealed record ChargeBody
{
    public required long Amount { get; init; }

    public required string MerchantId { get; init; }

    public required Category Category { get; init; }

    public required string TerminalId { get; init; }

    public required long TerminalSequence { get; init; }

    /// <summary>The terminal's time of the tap, with its offset (ISO 8601).</summary>
    public required DateTimeOffset TappedAt { get; init; }
}

/// <summary>POST /v1/cards/{card}/charges/{chargeKey}/reversals.</summary>
public sealed record ReverseChargeBody
{
    public required long Amount { get; init; }

    public required string Reason { get; init; }
}

/// <summary>POST /v1/cards/{card}/block.</summary>
public sealed record BlockCardBody
{
    public required BlockReason Reason { get; init; }
}

/// <summary>POST /v1/cards/{card}/replace: the new card's number, of the same issuer and never used.</summary>
public sealed record ReplaceCardBody
{
    public required string NewCard { get; init; }
}

/// <summary>POST /v1/cards/{card}/unblock and /close take no fields; an empty object or no body at all.</summary>
public sealed record EmptyBody;

/// <summary>
/// One line of a terminal's offline batch in JSON Lines (<c>application/x-ndjson</c>); the CSV columns have the same
/// names. Without an <see cref="OperationId"/> the tap's id is derived from the terminal and its sequence number.
/// </summary>
public sealed record OfflineTapRecord
{
    public required string Card { get; init; }

    public required long Amount { get; init; }

    public required string MerchantId { get; init; }

    public required Category Category { get; init; }

    public required string TerminalId { get; init; }

    public required long TerminalSequence { get; init; }

    public required DateTimeOffset TappedAt { get; init; }

    public string? OperationId { get; init; }
}
