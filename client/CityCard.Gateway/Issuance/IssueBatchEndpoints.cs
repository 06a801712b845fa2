using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Issuance;

/// <summary>
/// /v1/issue-batches: the city's cards issued in bulk from a batch file (see <see cref="IssueBatchParser"/>). A POST
/// starts the batch and answers at once, 202 with where it stands (its Location to follow it), or 200 with the first
/// run's result when the batch id was already used for the same cards; the same id for other cards is 409
/// OperationConflict. No Idempotency-Key: the batch id in the file is the key. A run that stopped part-way is resumed by
/// posting the same file again.
/// </summary>
public static class IssueBatchEndpoints
{
    public static void MapIssueBatchEndpoints(this IEndpointRouteBuilder routes)
    {
        var batches = routes.MapGroup("/v1/issue-batches").WithTags("Issuance");
        batches.MapPost("/", Start).Requires(GatewayOperation.IssueBatch)
            .Accepts<string>("text/csv", "text/plain")
            .Produces<IssueBatchStatus>(StatusCodes.Status202Accepted)
            .Produces<IssueBatchStatus>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary($"Issue up to {IssueBatchLimits.MaxCards:N0} of this city's cards from a batch file; refused whole, with line numbers, if any line is wrong");
        batches.MapGet("/{batchId}", Status).Requires(GatewayOperation.ReadIssueBatch)
            .Produces<IssueBatchStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Where a batch stands: cards processed, issued, already in use");
    }

    private static async Task<IResult> Start(HttpContext http, IClusterClient cluster, GatewaySettings gateway)
    {
        var body = await BodyBytes.ReadAsync(http, IssueBatchLimits.MaxBytes, IsBatchType);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var parsed = IssueBatchParser.Parse(body.Value!, gateway.City);
        if (parsed.Batch is not { } batch)
        {
            return Problems.Gateway(parsed.ProblemCode!, parsed.ProblemDetail, parsed.Errors.Count == 0 ? null : new Dictionary<string, object?>
            {
                ["errorCount"] = parsed.Errors.Count,
                ["errors"] = parsed.Errors.Take(IssueBatchLimits.MaxListedErrors).ToList(),
            });
        }

        var status = await cluster.IssueBatch(gateway.City, batch.BatchId).Start(batch);
        return status switch
        {
            { State: IssueBatchState.Rejected, Rejection: { } code } => Problems.Of(code, status.Detail),
            { State: IssueBatchState.Completed } => TypedResults.Ok(status),
            _ => TypedResults.Accepted($"/v1/issue-batches/{Uri.EscapeDataString(batch.BatchId)}", status),
        };
    }

    private static async Task<IResult> Status(string batchId, IClusterClient cluster, GatewaySettings gateway)
    {
        if (!Identifier.IsValid(batchId, IssueBatchRequest.MaxBatchIdLength))
        {
            return Problems.Gateway(ProblemCodes.UnknownBatch, $"A batch id is 1 to {IssueBatchRequest.MaxBatchIdLength} {Identifier.Characters}");
        }

        var status = await cluster.IssueBatch(gateway.City, batchId).GetStatus();
        return status.State == IssueBatchState.Unknown
            ? Problems.Gateway(ProblemCodes.UnknownBatch, $"{gateway.City} has no batch '{batchId}'.")
            : TypedResults.Ok(status);
    }

    private static bool IsBatchType(string mediaType) =>
        mediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
}
