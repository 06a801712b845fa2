namespace CityCard.Gateway.Http;

/// <summary>Marks an endpoint as requiring an Idempotency-Key.</summary>
public sealed record IdempotentMetadata;

/// <summary>
/// Every mutating endpoint needs an Idempotency-Key: it becomes the operation id (see <see cref="OperationIds"/>),
/// so a retry returns the first outcome and a reused key with other content is 409 OperationConflict.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.Headers[OperationIds.Header];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Problems.Gateway(ProblemCodes.MissingIdempotencyKey);
        }

        if (values.Count > 1 || !OperationIds.IsValidKey(values[0]))
        {
            return Problems.Gateway(ProblemCodes.InvalidIdempotencyKey);
        }

        // After the access filter: a city's key is then at its own city's gateway, and the region's keys get their own scope.
        http.SetOperationId(OperationIds.For(http.Caller(), values[0]!));
        return await next(context);
    }
}
