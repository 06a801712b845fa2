namespace CityCard.Gateway.Http;

/// <summary>
/// The problem for an error status the gateway did not choose itself: one the web server (Kestrel) answers before the
/// app runs, one routing sets (no such route, wrong method), or one a <c>BadHttpRequestException</c> carries. Every
/// answer a client can get is a problem with a named code; this is the table for the answers nobody else names.
/// </summary>
public static class StatusProblems
{
    public static (int Status, string Code, string Detail) For(int status) => status switch
    {
        StatusCodes.Status404NotFound => Of(ProblemCodes.NotFound),
        StatusCodes.Status405MethodNotAllowed => Of(ProblemCodes.MethodNotAllowed),
        StatusCodes.Status408RequestTimeout => Of(ProblemCodes.RequestTimeout),
        StatusCodes.Status411LengthRequired => Of(ProblemCodes.LengthRequired),
        StatusCodes.Status413PayloadTooLarge => Of(ProblemCodes.BodyTooLarge, "The body is larger than the gateway accepts."),
        StatusCodes.Status414UriTooLong => Of(ProblemCodes.UriTooLong, $"The request line (method, path and query) is longer than {ServerLimits.MaxRequestLineBytes:N0} bytes."),
        StatusCodes.Status415UnsupportedMediaType => Of(ProblemCodes.UnsupportedMediaType),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => Of(ProblemCodes.HeadersTooLarge, $"The request's headers are larger than {ServerLimits.MaxRequestHeadersBytes / 1024} KiB, or more than {ServerLimits.MaxRequestHeaderCount}."),

        // Kestrel answers an HTTP version it does not speak with 505; it is the client's mistake, so a 400 like any
        // other malformed request line, not a 5xx that reads as our failure.
        StatusCodes.Status505HttpVersionNotsupported => Of(ProblemCodes.BadRequest, "This gateway speaks HTTP/1.1 (and 1.0)."),
        < 500 => (status, ProblemCodes.BadRequest, Meaning(ProblemCodes.BadRequest)),
        _ => (status, ProblemCodes.InternalError, "Something failed on our side."),
    };

    private static (int Status, string Code, string Detail) Of(string code, string? detail = null)
    {
        var entry = ProblemCodes.Catalog.First(c => c.Code == code);
        return (entry.Status, code, detail ?? entry.Meaning);
    }

    private static string Meaning(string code) => ProblemCodes.Catalog.First(c => c.Code == code).Meaning;
}
