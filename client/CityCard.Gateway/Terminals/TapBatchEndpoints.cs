using CityCard.Http;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Terminals;

/// <summary>
/// POST /v1/tap-batches: a terminal's offline taps, as JSON Lines or CSV. No Idempotency-Key: each record carries (or
/// derives) its own operation id, so uploading the same batch again is always safe.
/// </summary>
public static class TapBatchEndpoints
{
    private static readonly string[] JsonLinesTypes = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"];

    public static void MapTapBatchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/tap-batches", Upload).Requires(GatewayOperation.UploadTaps)
            .WithTags("Terminals")
            .RequireRateLimiting(RateLimits.BatchPolicy)
            .Accepts<OfflineTapRecord>("application/x-ndjson", "text/csv")
            .Produces<TapBatchResponse>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary($"Upload up to {TapBatchLimits.MaxRecords} offline taps (1 MiB), JSON Lines or CSV; results per record");
    }

    private static async Task<IResult> Upload(HttpContext http, TapBatchProcessor processor, GatewaySettings gateway)
    {
        var body = await BodyBytes.ReadAsync(http, TapBatchLimits.MaxBytes, IsBatchType);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var format = string.Equals(body.MediaType, "text/csv", StringComparison.OrdinalIgnoreCase) ? TapBatchFormat.Csv : TapBatchFormat.JsonLines;
        var batch = TapBatchParser.Parse(body.Value!, format, gateway.City);
        if (batch.ProblemCode is { } code)
        {
            return Problems.Gateway(code, batch.ProblemDetail);
        }

        if (http.Caller().Terminal is { } terminal)
        {
            // A registered terminal's batch: refused whole (and recorded once) when it is not active; each record it
            // may not make (another terminal, operator or category) is an invalid record, never charged.
            if (TerminalBinding.NotActive(terminal) is { } inactive)
            {
                var first = batch.Records.FirstOrDefault(r => r.IsValid);
                await Registry.TerminalTaps.RecordAsync(http, terminal, first?.CardText ?? "batch", first?.Request?.TerminalSequence ?? 0, inactive);
                return Problems.Of(inactive.Status, inactive.Code, inactive.Detail);
            }

            batch = batch with { Records = [.. batch.Records.Select(r => Bound(terminal, r))] };
        }

        return TypedResults.Ok(await processor.ProcessAsync(batch, http.RequestAborted));
    }

    private static TapRecord Bound(Contracts.TerminalCredential terminal, TapRecord r) =>
        r.Request is { } q && TerminalBinding.Check(terminal, q.TerminalId, q.MerchantId, q.Category) is { } refusal
            ? TapRecord.Invalid(r.Number, r.Line, r.CardText, refusal.Code, refusal.Detail)
            : r;

    private static bool IsBatchType(string mediaType) =>
        mediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
        || JsonLinesTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
}
