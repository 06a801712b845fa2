using CityCard.Contracts;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Http;

/// <summary>Marks an endpoint with the operation it performs, for the reference page and the OpenAPI document.</summary>
public sealed record AccessMetadata(GatewayOperation Operation);

/// <summary>
/// Authorisation for one endpoint, after <see cref="Authentication"/> has established the caller: first what needs no
/// card (the key's city and role: 403), then the card number in the route (400 when malformed), then the card's issuer
/// (403 for another city's card where only the issuer may act). Nothing of the request is read before the caller is
/// known to be allowed this kind of operation. Refusals are logged with the key's id, never the key.
/// </summary>
public sealed partial class AccessFilter(GatewayOperation operation) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var settings = services.GetRequiredService<GatewaySettings>();
        var caller = http.Caller();

        if (AccessRules.CheckCaller(caller, settings.City, operation) is { } denial)
        {
            return Forbidden(http, denial, caller, settings.City);
        }

        // A registered terminal that is not active does nothing; its taps are refused where they are read, and recorded.
        if (caller.Terminal is { } terminal && operation is not (GatewayOperation.Charge or GatewayOperation.UploadTaps)
            && TerminalBinding.NotActive(terminal) is { } inactive)
        {
            return Problems.Of(inactive.Status, inactive.Code, inactive.Detail);
        }

        if (http.Request.RouteValues.TryGetValue("card", out var raw))
        {
            if (!CardNumber.TryParse(raw as string, out var card))
            {
                return Problems.Of(RejectionCode.MalformedCardNumber, "The card number in the path has the wrong letters, length or check digit.");
            }

            http.SetCard(card);
            if (AccessRules.CheckCard(settings.City, operation, card.Issuer) is { } notIssuer)
            {
                return Forbidden(http, notIssuer, caller, settings.City);
            }
        }

        return await next(context);
    }

    private IResult Forbidden(HttpContext http, AccessDenial denial, Caller caller, City gateway)
    {
        LogForbidden(http.RequestServices.GetRequiredService<ILogger<AccessFilter>>(), caller.KeyId, caller.City?.ToString() ?? "region", caller.Role, operation, denial);
        return Problems.Of(StatusCodes.Status403Forbidden, denial.ToString(), Explain(denial, caller, gateway, operation));
    }

    private static string Explain(AccessDenial denial, Caller caller, City gateway, GatewayOperation operation) => denial switch
    {
        AccessDenial.KeyForAnotherCity => $"This is the {gateway} gateway; key '{caller.KeyId}' belongs to {caller.City}.",
        AccessDenial.RoleNotAllowed => $"A {caller.Role.Name()} key may not {operation}.",
        AccessDenial.NotCardIssuer => $"Only the card's issuer may {operation}; {gateway} did not issue this card.",
        _ => denial.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key {KeyId} ({City} {Role}) refused {Operation}: {Denial}")]
    private static partial void LogForbidden(ILogger logger, string keyId, string city, Role role, GatewayOperation operation, AccessDenial denial);
}
