using CityCard.Contracts;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Http;

/// <summary>Marks an endpoint with the operation it performs, for the reference page and the OpenAPI document.</summary>
public sealed record AccessMetadata(GatewayOperation Operation);

/// <summary>
/// Authentication, then the card number in the route, then authorisation, for one endpoint: 401 for a missing or
/// wrong key, 400 for a malformed card number, 403 for a right key in the wrong place. Refusals are logged with the
/// key's id, never the key.
/// </summary>
public sealed partial class AccessFilter(GatewayOperation operation) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var settings = services.GetRequiredService<GatewaySettings>();
        var logger = services.GetRequiredService<ILogger<AccessFilter>>();

        var caller = services.GetRequiredService<ApiKeyRing>().Authenticate(http.Request.Headers[ApiKey.Header], out var failure, out var keyId);
        if (caller is null)
        {
            LogUnauthenticated(logger, operation, failure, keyId ?? "(none)");
            return failure == AuthenticationFailure.MissingApiKey
                ? Problems.Gateway(ProblemCodes.MissingApiKey)
                : Problems.Gateway(ProblemCodes.InvalidApiKey);
        }

        City? issuer = null;
        if (http.Request.RouteValues.TryGetValue("card", out var raw))
        {
            if (!CardNumber.TryParse(raw as string, out var card))
            {
                return Problems.Of(RejectionCode.MalformedCardNumber, "The card number in the path has the wrong letters, length or check digit.");
            }

            http.SetCard(card);
            issuer = card.Issuer;
        }

        if (AccessRules.Check(caller, settings.City, operation, issuer) is { } denial)
        {
            LogForbidden(logger, caller.KeyId, caller.City?.ToString() ?? "region", caller.Role, operation, denial);
            return Problems.Of(StatusCodes.Status403Forbidden, denial.ToString(), Explain(denial, caller, settings.City, operation));
        }

        http.SetCaller(caller);
        return await next(context);
    }

    private static string Explain(AccessDenial denial, Caller caller, City gateway, GatewayOperation operation) => denial switch
    {
        AccessDenial.KeyForAnotherCity => $"This is the {gateway} gateway; key '{caller.KeyId}' belongs to {caller.City}.",
        AccessDenial.RoleNotAllowed => $"A {caller.Role.Name()} key may not {operation}.",
        AccessDenial.NotCardIssuer => $"Only the card's issuer may {operation}; {gateway} did not issue this card.",
        _ => denial.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated request for {Operation}: {Failure} (key id {KeyId})")]
    private static partial void LogUnauthenticated(ILogger logger, GatewayOperation operation, AuthenticationFailure failure, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key {KeyId} ({City} {Role}) refused {Operation}: {Denial}")]
    private static partial void LogForbidden(ILogger logger, string keyId, string city, Role role, GatewayOperation operation, AccessDenial denial);
}
