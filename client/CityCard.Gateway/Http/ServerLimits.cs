namespace CityCard.Gateway.Http;

/// <summary>
/// The web server's limits on a request's head, set explicitly (they are Kestrel's defaults) so that the problems that
/// answer them, and the docs, can name them. A request over one is answered by Kestrel itself, before the app: see
/// <see cref="ServerAnswerWriter"/> for how that answer still becomes a problem.
/// </summary>
public static class ServerLimits
{
    /// <summary>The request line: method, path, query and version. Longer is 414 UriTooLong.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>All request headers together. More is 431 HeadersTooLarge.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    /// <summary>How many request headers. More is 431 HeadersTooLarge.</summary>
    public const int MaxRequestHeaderCount = 100;
}
