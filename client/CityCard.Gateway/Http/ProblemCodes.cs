using CityCard.Contracts;

namespace CityCard.Gateway.Http;

/// <summary>
/// The gateway's own problem codes, beside the cards' <see cref="CityCard.Contracts.RejectionCode"/>s. Clients branch
/// on these names; they never change meaning.
/// </summary>
public static class ProblemCodes
{
    public const string MissingApiKey = nameof(MissingApiKey);
    public const string InvalidApiKey = nameof(InvalidApiKey);
    public const string MissingIdempotencyKey = nameof(MissingIdempotencyKey);
    public const string InvalidIdempotencyKey = nameof(InvalidIdempotencyKey);
    public const string UnsupportedMediaType = nameof(UnsupportedMediaType);
    public const string MalformedJson = nameof(MalformedJson);
    public const string InvalidBody = nameof(InvalidBody);
    public const string UnknownField = nameof(UnknownField);
    public const string MissingField = nameof(MissingField);
    public const string InvalidField = nameof(InvalidField);
    public const string InvalidTime = nameof(InvalidTime);
    public const string InvalidQuery = nameof(InvalidQuery);
    public const string MalformedWindow = nameof(MalformedWindow);
    public const string BodyTooLarge = nameof(BodyTooLarge);
    public const string BatchTooLarge = nameof(BatchTooLarge);
    public const string EmptyBatch = nameof(EmptyBatch);
    public const string RecordTooLong = nameof(RecordTooLong);
    public const string MalformedRecord = nameof(MalformedRecord);
    public const string NotFound = nameof(NotFound);
    public const string MethodNotAllowed = nameof(MethodNotAllowed);
    public const string BadRequest = nameof(BadRequest);
    public const string UriTooLong = nameof(UriTooLong);
    public const string HeadersTooLarge = nameof(HeadersTooLarge);
    public const string RequestTimeout = nameof(RequestTimeout);
    public const string LengthRequired = nameof(LengthRequired);
    public const string ClusterUnavailable = nameof(ClusterUnavailable);
    public const string StoreUnavailable = nameof(StoreUnavailable);
    public const string InternalError = nameof(InternalError);
    public const string NotCaseParty = nameof(NotCaseParty);
    public const string UnknownRun = nameof(UnknownRun);
    public const string MalformedBatch = nameof(MalformedBatch);
    public const string UnknownBatch = nameof(UnknownBatch);
    public const string CardUnavailable = nameof(CardUnavailable);
    public const string ChannelNotAllowed = nameof(ChannelNotAllowed);
    public const string DailyTopUpCeilingReached = nameof(DailyTopUpCeilingReached);
    public const string RateLimited = nameof(RateLimited);
    public const string BatchCapacityReached = nameof(BatchCapacityReached);
    public const string InvalidPolicyDraft = nameof(InvalidPolicyDraft);
    public const string PeriodBackwards = nameof(PeriodBackwards);
    public const string PeriodTooLong = nameof(PeriodTooLong);
    public const string TerminalNotActive = Access.TerminalBinding.TerminalNotActive;
    public const string TerminalMismatch = Access.TerminalBinding.TerminalMismatch;
    public const string OperatorMismatch = Access.TerminalBinding.OperatorMismatch;
    public const string CategoryNotAllowed = Access.TerminalBinding.CategoryNotAllowed;

    /// <summary>Every gateway code with its HTTP status and what it means, for the reference page and the tests.</summary>
    public static IReadOnlyList<(string Code, int Status, string Meaning)> Catalog { get; } =
    [
        (MissingApiKey, 401, "No X-Api-Key header."),
        (InvalidApiKey, 401, "The key is malformed, unknown, or its secret is wrong."),
        ("KeyForAnotherCity", 403, "The key belongs to another city's gateway."),
        ("RoleNotAllowed", 403, "The key's role may not do this."),
        ("NotCardIssuer", 403, "Only the card's issuing city may do this."),
        (MissingIdempotencyKey, 400, "A mutating request needs an Idempotency-Key header."),
        (InvalidIdempotencyKey, 400, $"An Idempotency-Key is 1 to {OperationIds.MaxKeyLength} {Identifier.Characters}"),
        (UnsupportedMediaType, 415, "The body's Content-Type is not one this endpoint reads."),
        (MalformedJson, 400, "The body is not well-formed JSON, or names a field twice."),
        (InvalidBody, 400, "The body is missing, is not a JSON object, or (a batch) is not UTF-8 text or names a column twice."),
        (UnknownField, 400, "The body has a field this endpoint does not know."),
        (MissingField, 400, "A required field is missing."),
        (InvalidField, 400, "A field has the wrong type or an impossible value (a fraction or overflow for fen, an unknown enum name)."),
        (InvalidTime, 400, "A time (in a body, a batch record or a query) is not ISO 8601 with seconds and an explicit offset (Z or ±hh:mm), is a bare date, does not exist, or is outside 2000–2099."),
        (InvalidQuery, 400, "A query parameter is malformed or out of range."),
        (MalformedWindow, 400, "A clearing window in the path is not a business date yyyy-MM-dd (years 2000 to 2099)."),
        (BodyTooLarge, 413, "The body is larger than this endpoint accepts."),
        (BatchTooLarge, 413, "A terminal batch has more records, or a batch file more lines or cards, than allowed; nothing was processed."),
        (EmptyBatch, 400, "A terminal batch has no records, or a batch file names no card."),
        (MalformedBatch, 400, "A batch file has wrong lines: `errors` lists each line's number, code and reason (the first 100; `errorCount` counts them all). No card was issued."),
        (UnknownBatch, 404, "The city has no issue batch with this id."),
        (RecordTooLong, 400, "A batch record (line) is longer than allowed; that record is invalid."),
        (MalformedRecord, 400, "A batch record cannot be read; that record is invalid."),
        (NotFound, 404, "No such endpoint."),
        (MethodNotAllowed, 405, "The endpoint exists but not with this method."),
        (BadRequest, 400, "The HTTP request itself is malformed: its request line, a header, the Host, the path (a NUL or other control character), or an HTTP version other than 1.0 and 1.1."),
        (UriTooLong, 414, "The request line (method, path and query) is longer than the gateway reads."),
        (HeadersTooLarge, 431, "The request's headers are too large, or too many."),
        (RequestTimeout, 408, "The request's headers or body did not arrive in time."),
        (LengthRequired, 411, "The body has neither a Content-Length nor chunked transfer encoding."),
        (NotCaseParty, 403, "The dispute case is between two other cities: only the card's issuer and the charge's city see it."),
        (UnknownRun, 404, "No reconciliation run has this id."),
        (CardUnavailable, 422, "The card cannot take this operation (not issued, blocked, replaced, closed or awaiting a replacement's funds); a key that may not read the card is not told which. Nothing was recorded."),
        (ChannelNotAllowed, 403, "A top-up's channel follows from the key's role (terminal: Kiosk, service-desk: ServiceDesk); the body named another."),
        (DailyTopUpCeilingReached, 429, "The key's top-ups today (China time) would pass its daily ceiling; nothing was recorded. Retry-After says when the next business day begins."),
        (RateLimited, 429, "The key sent more requests than its rate allows; nothing was done. Retry after Retry-After seconds with the same Idempotency-Key."),
        (BatchCapacityReached, 429, "The gateway is already processing as many terminal batches as it allows; nothing was done. Upload again after Retry-After seconds."),
        (InvalidPolicyDraft, 422, "A fare simulation's draft would not pass the silo's policy validation: `errors` lists each error as the silo reports it (file, JSON path, code, message; the first 100; `errorCount` counts them all). Nothing was simulated."),
        (PeriodBackwards, 422, "A fare simulation's period ends (to) before it starts (from)."),
        (PeriodTooLong, 422, "A fare simulation's period is longer than 92 days."),
        (ClusterUnavailable, 503, "The cluster could not be reached, or no silo answered in time; retry with the same Idempotency-Key (Retry-After says when)."),
        (StoreUnavailable, 503, "The store (PostgreSQL) is unavailable; nothing is known to have changed. Retry with the same Idempotency-Key (Retry-After says when)."),
        (InternalError, 500, "A fault on our side; retry with the same Idempotency-Key. The traceId identifies it in our logs."),
        (TerminalNotActive, 403, "A registered terminal's key, but the terminal is suspended or retired, or its operator suspended: nothing charged; a tap is recorded in the registry."),
        (TerminalMismatch, 403, "A registered terminal's key charging as another terminal: nothing charged."),
        (OperatorMismatch, 403, "A registered terminal's key charging for another operator or merchant than its own: nothing charged."),
        (CategoryNotAllowed, 422, "A registered terminal's key charging a category its operator may not charge: nothing charged."),
    ];
}
