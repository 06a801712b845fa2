using CityCard.Gateway.Cluster;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Reconciliation;

/// <summary>
/// Reconciliation of the region's ledgers with a rebuild from the event log. Starting is 202: the run goes on in the
/// cluster, and its progress, then its report (JSON), are read at /v1/reconciliations/{run}.
/// </summary>
public static class ReconciliationEndpoints
{
    public static void MapReconciliationEndpoints(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/v1/reconciliations").WithTags("Reconciliation");
        runs.MapPost("/", Start).Requires(GatewayOperation.StartReconciliation).Idempotent()
            .Produces<ReconciliationProgress>(StatusCodes.Status202Accepted)
            .WithSummary("Rebuild every city's ledger from the event log and compare it with the live one; the run id is {city}:{Idempotency-Key} (a run already going is answered instead)");
        runs.MapGet("/{runId}", Get).Requires(GatewayOperation.ReadReconciliation)
            .Produces<ReconciliationProgress>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A run's progress, and its report once done: every difference by table, window, city and account, and the float checks");
    }

    private static async Task<IResult> Start(HttpContext http, IntegrityClient integrity)
    {
        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var progress = await integrity.StartReconciliationAsync(http.OperationId());
        return TypedResults.Accepted($"/v1/reconciliations/{Uri.EscapeDataString(progress.RunId)}", progress);
    }

    private static async Task<IResult> Get(string runId, IntegrityClient integrity) =>
        !OperationIds.IsValidKey(runId) || await integrity.GetReconciliationAsync(runId) is not { } progress
            ? Problems.Gateway(ProblemCodes.UnknownRun, $"No reconciliation run '{(runId.Length > 64 ? runId[..64] : runId)}'.")
            : TypedResults.Ok(progress);
}
