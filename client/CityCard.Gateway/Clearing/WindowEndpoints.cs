using CityCard.Gateway.Cluster;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Clearing;

/// <summary>
/// /v1/clearing: the projection's lag, the windows, and the window commands. The clearing house is the region's, so
/// every gateway answers the same about it; the commands are the region's clearing operators' (the clearing role), and
/// an operation id is <c>RG:{Idempotency-Key}</c> whichever gateway took it.
/// </summary>
public static class WindowEndpoints
{
    public static void MapWindowEndpoints(this IEndpointRouteBuilder routes)
    {
        var clearing = routes.MapGroup("/v1/clearing").WithTags("Clearing");
        clearing.MapGet("/status", Status).Requires(GatewayOperation.ReadClearingStatus)
            .Produces<ClearingStatusResponse>()
            .WithSummary("How far the clearing house has posted the card events: position, head, lag, gaps, the current window");
        clearing.MapGet("/windows", List).Requires(GatewayOperation.ReadWindows)
            .Produces<ClearingWindowsResponse>()
            .WithSummary("The current window, the projection's lag, and every window not yet settled");
        clearing.MapGet("/windows/{window}", One).Requires(GatewayOperation.ReadWindows)
            .Produces<WindowView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One window (a business date, yyyy-MM-dd): open, closing, closed, settled or aborted");
        clearing.MapPost("/windows/{window}/close", Close).Requires(GatewayOperation.CloseWindow).Idempotent()
            .Produces<ClearingOperationResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Close a window (early, before its cut-off); it answers Closing and closes once everything committed before is posted");
        clearing.MapPost("/windows/{window}/confirm", Confirm).Requires(GatewayOperation.ConfirmSettlement).Idempotent()
            .Accepts<ConfirmSettlementBody>("application/json").Produces<ClearingOperationResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Record the settlement bank's confirmation of a closed window; the ledgers clear its dues and payouts");
        clearing.MapPost("/windows/{window}/abort", Abort).Requires(GatewayOperation.AbortWindow).Idempotent()
            .Accepts<AbortWindowBody>("application/json").Produces<ClearingOperationResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Give up settling a closed window; its obligations are carried into the next window that closes");
        clearing.MapPost("/held-cards/{card}/release", Release).Requires(GatewayOperation.ReleaseHeldCard).Idempotent()
            .Produces<ClearingOperationResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Release a card whose postings are held (its hash chain broke) once its stream verifies again: the held events are posted; the answer's window is where new business goes");
    }

    private static async Task<IResult> Status(SettlementClient clearing) =>
        TypedResults.Ok(ClearingViews.Status(await clearing.GetProjectionStatusAsync()));

    private static async Task<IResult> List(SettlementClient clearing) =>
        TypedResults.Ok(ClearingViews.Windows(await clearing.GetProjectionStatusAsync()));

    private static async Task<IResult> One(string window, SettlementClient clearing)
    {
        if (!WindowDate.TryParse(window, out var date))
        {
            return ClearingResults.MalformedWindow();
        }

        return await clearing.GetWindowAsync(date) is { } view
            ? TypedResults.Ok(view)
            : ClearingResults.Problem(ClearingRejection.UnknownWindow, $"Window {window} has had nothing posted to it and was never closed.");
    }

    private static async Task<IResult> Close(HttpContext http, string window, SettlementClient clearing)
    {
        if (!WindowDate.TryParse(window, out var date))
        {
            return ClearingResults.MalformedWindow();
        }

        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        return body.Problem ?? ClearingResults.ToHttp(http, await clearing.CloseWindowAsync(new CloseWindowRequest(http.OperationId(), date)));
    }

    private static async Task<IResult> Confirm(HttpContext http, string window, SettlementClient clearing)
    {
        if (!WindowDate.TryParse(window, out var date))
        {
            return ClearingResults.MalformedWindow();
        }

        var body = await JsonBody.ReadAsync<ConfirmSettlementBody>(http);
        return body.Problem ?? ClearingResults.ToHttp(http, await clearing.ConfirmSettlementAsync(new ConfirmSettlementRequest(http.OperationId(), date, body.Value!.BankReference)));
    }

    private static async Task<IResult> Release(HttpContext http, SettlementClient clearing)
    {
        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        return body.Problem ?? ClearingResults.ToHttp(http, await clearing.ReleaseHeldCardAsync(new ReleaseHeldCardRequest(http.OperationId(), http.Card())));
    }

    private static async Task<IResult> Abort(HttpContext http, string window, SettlementClient clearing)
    {
        if (!WindowDate.TryParse(window, out var date))
        {
            return ClearingResults.MalformedWindow();
        }

        var body = await JsonBody.ReadAsync<AbortWindowBody>(http);
        return body.Problem ?? ClearingResults.ToHttp(http, await clearing.AbortWindowAsync(new AbortWindowRequest(http.OperationId(), date, body.Value!.Reason)));
    }
}
