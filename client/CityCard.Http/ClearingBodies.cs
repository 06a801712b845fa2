namespace CityCard.Http;

// The JSON bodies of the clearing commands at the city gateways. The window is in the path; the operation id is the
// Idempotency-Key. A close takes no body (or an empty object).

/// <summary>POST /v1/clearing/windows/{window}/confirm: the settlement bank's reference for the payments it made.</summary>
public sealed record ConfirmSettlementBody
{
    public required string BankReference { get; init; }
}

/// <summary>POST /v1/clearing/windows/{window}/abort: why the window will not be settled.</summary>
public sealed record AbortWindowBody
{
    public required string Reason { get; init; }
}
