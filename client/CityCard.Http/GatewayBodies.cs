using CityCard.Contracts;

namespace CityCard.Http;

// The JSON bodies the city gateways accept, shared by the gateway (which reads them, refusing unknown fields) and the
// HTTP client (which writes them). Amounts are integer fen. The city of an operation is never in a body: it is the
// gateway's own city (the issuer, the loading city, the acquirer).

/// <summary>POST /v1/cards/{card}/issue: sell the card under one of the city's products.</summary>
public sealed record IssueCardBody
{
    public required string Product { get; init; }

    public required long Deposit { get; init; }
}

/// <summary>
/// POST /v1/cards/{card}/top-ups. The channel follows from the key's role (terminal: Kiosk, service-desk:
/// ServiceDesk); a body may leave it out, and one that names another is refused (ChannelNotAllowed).
/// </summary>
public sealed record TopUpBody
{
    public required long Amount { get; init; }

    public TopUpChannel? Channel { get; init; }
}

/// <summary>
/// What a transit terminal knows about a ride; the city's policy prices it. A bus needs its route; a coach its from
/// and to stations; urban rail its entry and exit stations (and the exit time when known); a bike its return time.
/// </summary>
public sealed record RideBody
{
    public string? Route { get; init; }

    public string? FromStation { get; init; }

    public string? ToStation { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public RideDetails ToDetails() => new(Route, FromStation, ToStation, EndedAt);
}

/// <summary>
/// POST /v1/cards/{card}/charges: one online tap or purchase. A transit tap (Bus, Coach, Rail, Bike) carries its
/// <see cref="Ride"/> and no amount: the fare is the acquiring city's policy's. A purchase carries the merchant's
/// <see cref="Amount"/> and no ride. A terminal batch's record (<see cref="OfflineTapRecord"/>) is this and more.
/// </summary>
public record ChargeBody
{
    public long? Amount { get; init; }

    public RideBody? Ride { get; init; }

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
/// One line of a terminal's offline batch in JSON Lines (<c>application/x-ndjson</c>): a charge's fields plus the card
/// and, optionally, the operation id. The CSV columns have the same names, with the ride's fields as columns of their
/// own (route, fromStation, toStation, endedAt). Without an <see cref="OperationId"/> the tap's id is derived from the
/// terminal and its sequence number.
/// </summary>
public sealed record OfflineTapRecord : ChargeBody
{
    public required string Card { get; init; }

    public string? OperationId { get; init; }
}
