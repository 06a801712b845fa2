namespace CityCard.Gateway.Http;

/// <summary>
/// Headers on every answer, set as it starts (so an error page written later keeps them): no MIME sniffing, no
/// caching of anything the gateway says (card data above all), no referrer, no framing; and a content security
/// policy that lets the reference page (HTML with its own inline style, no script) draw itself and nothing else.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string PagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            var html = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            headers.ContentSecurityPolicy = html ? PagePolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
