using CityCard.Gateway.Access;

namespace CityCard.Gateway.Http;

/// <summary>
/// The two conventions every endpoint group uses: <c>Requires(operation)</c> for authentication and authorisation,
/// <c>Idempotent()</c> for mutating endpoints. A new group (settlement, disputes…) is one static class that maps its
/// routes with these, and adds its operations to <see cref="AccessRules"/>.
/// </summary>
public static class EndpointConventions
{
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder endpoint, GatewayOperation operation) =>
        endpoint.AddEndpointFilter(new AccessFilter(operation))
            .WithMetadata(new AccessMetadata(operation))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(new IdempotentMetadata())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
