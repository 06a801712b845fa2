using System.Net;

namespace CityCard.Silo.Operators;

/// <summary>
/// The login form of the operator pages: a key typed once becomes a session cookie (HttpOnly, SameSite=Strict, Secure
/// over HTTPS) that names the key but does not hold it; logging out drops it. A wrong key is refused without saying
/// whether its id exists.
/// </summary>
public static class OperatorLogin
{
    public const string Path = "/operator/login";
    public const string LogoutPath = "/operator/logout";
    private const string DefaultPage = "/clearing";

    public static void MapOperatorLogin(this WebApplication app)
    {
        app.MapGet(Path, (string? returnUrl) => Page(returnUrl, null, StatusCodes.Status200OK)).ExcludeFromDescription();
        app.MapPost(Path, LogInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(LogoutPath, (HttpContext http) =>
        {
            http.Response.Cookies.Delete(OperatorSession.Cookie, CookieOptions(http, TimeSpan.Zero));
            return Results.Redirect(Path, permanent: false, preserveMethod: false);
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> LogInAsync(HttpContext http, OperatorKeyRing keys, OperatorSession sessions)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(null, "Send the form.", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        var key = keys.Authenticate(form["key"].ToString().Trim());
        if (key is null)
        {
            return Page(returnUrl, "That key is not valid.", StatusCodes.Status401Unauthorized);
        }

        if (!key.MayOperate)
        {
            return Page(returnUrl, "Only an operations key or the region's clearing key opens the operator pages.", StatusCodes.Status403Forbidden);
        }

        http.Response.Cookies.Append(OperatorSession.Cookie, sessions.Issue(key), CookieOptions(http, sessions.Lifetime));
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = IsLocal(returnUrl) ? returnUrl : DefaultPage;
        return Results.Empty;
    }

    private static CookieOptions CookieOptions(HttpContext http, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        MaxAge = lifetime,
    };

    /// <summary>Only a path of this site: never another host, so the form cannot be used to send someone elsewhere.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(string? returnUrl, string? error, int status)
    {
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>CityCard operators: log in</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:28rem;color:#1f2933}
            label,input,button{display:block;width:100%;margin:.4rem 0;font-size:1rem}input{padding:.5rem;box-sizing:border-box}
            button{padding:.5rem;background:#1d4ed8;color:#fff;border:0;border-radius:4px}.error{color:#b91c1c}</style></head>
            <body><h1>CityCard operator pages</h1>
            <p>The clearing view and the Orleans dashboard take a city's <b>operations</b> key or the region's <b>clearing</b> key.</p>
            {{(error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <form method="post" action="{{Path}}">
            <label for="key">API key ({id}.{secret})</label>
            <input id="key" name="key" type="password" autocomplete="off" required>
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(IsLocal(returnUrl) ? returnUrl : DefaultPage)}}">
            <button type="submit">Log in</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
