using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CityCard.Silo.Operators;

/// <summary>
/// Who is asking for an operator page: a key in the <c>X-Api-Key</c> header (scripts, curl), or a browser session made
/// by the login form (<see cref="OperatorSession"/>). Unauthenticated browsers are sent to the login form, others get a
/// 401 problem; a known key of a role that may not operate gets 403. No key id is written anywhere unless it is known.
/// </summary>
public sealed class OperatorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorKeyRing keys,
    OperatorSession sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "citycard-operator";
    public const string Policy = "operator-pages";
    public const string KeyHeader = "X-Api-Key";
    public const string CityClaim = "citycard:city";

    /// <summary>The scheme, the session maker and the policy every operator page requires.</summary>
    public static void Register(IServiceCollection services, OperatorSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<OperatorKeyRing>();
        services.AddSingleton<OperatorSession>();
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, OperatorAuthentication>(SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, OperatorRequirement.Handler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddRequirements(new OperatorRequirement()));
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[KeyHeader];
        if (header.Count > 0)
        {
            return Task.FromResult(header.Count == 1 && keys.Authenticate(header.ToString()) is { } key
                ? Success(key)
                : AuthenticateResult.Fail("The X-Api-Key is malformed, unknown or its secret is wrong."));
        }

        return Task.FromResult(sessions.Validate(Request.Cookies[OperatorSession.Cookie]) is { } session
            ? Success(session)
            : AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (keys.IsEmpty)
        {
            await Problem(StatusCodes.Status403Forbidden, "LoopbackOnly", "No operator keys are configured (Operators:Keys), so the operator pages are served to this machine only.");
        }
        else if (IsBrowser(Request))
        {
            Response.Redirect($"{OperatorLogin.Path}?returnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString)}");
        }
        else
        {
            await Problem(StatusCodes.Status401Unauthorized, Request.Headers.ContainsKey(KeyHeader) ? "InvalidApiKey" : "MissingApiKey", "An operations key or the region's clearing key is needed (X-Api-Key, or log in at /operator/login).");
        }
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "RoleNotAllowed", "Only an operations key or the region's clearing key opens the operator pages.");

    private static AuthenticateResult Success(OperatorKey key)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Id), new(ClaimTypes.Role, key.Role) };
        if (key.City is { } city)
        {
            claims.Add(new Claim(CityClaim, city.ToString()));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    private Task Problem(int status, string code, string detail) =>
        Results.Problem(detail, statusCode: status, title: code, extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(Context);

    private static bool IsBrowser(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// An operator page's requirement: the caller's key is an operations or clearing key, or, when the silo knows no keys
/// at all, the caller is on this machine.
/// </summary>
public sealed class OperatorRequirement : IAuthorizationRequirement
{
    public sealed class Handler(OperatorKeyRing keys) : AuthorizationHandler<OperatorRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
        {
            var allowed = keys.IsEmpty
                ? context.Resource is HttpContext { Connection.RemoteIpAddress: { } ip } && IPAddress.IsLoopback(ip)
                : context.User.IsInRole(OperatorKey.Operations) || context.User.IsInRole(OperatorKey.Clearing);
            if (allowed)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
