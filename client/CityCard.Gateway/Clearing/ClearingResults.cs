using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Clearing;

/// <summary>
/// A clearing command's answer as HTTP: accepted is 200 with the window as the command left it (a retry carries
/// <c>Idempotent-Replayed: true</c> and the first answer); a rejection recorded nothing and is a problem with the
/// status of its code.
/// </summary>
public static class ClearingResults
{
    public static IResult ToHttp(HttpContext http, ClearingOperationResult r)
    {
        if (r.Status == OperationStatus.Rejected || r.Window is null)
        {
            var code = r.Rejection ?? throw new InvalidOperationException("A clearing outcome with neither a window nor a rejection.");
            return Problem(code, r.Detail, r.OperationId);
        }

        if (r.IsReplay)
        {
            http.Response.Headers[OperationResults.ReplayedHeader] = "true";
        }

        return TypedResults.Ok(new ClearingOperationResponse(r.OperationId, r.Status, r.Window, r.IsReplay));
    }

    public static IResult Problem(ClearingRejection code, string? detail, string? operationId = null) =>
        Problems.Of(ClearingRejectionStatus.For(code), code.ToString(), detail, operationId is null ? null : new Dictionary<string, object?> { ["operationId"] = operationId });

    public static IResult MalformedWindow() =>
        Problems.Gateway(ProblemCodes.MalformedWindow, $"A window is its business date, yyyy-MM-dd (years {WindowDate.FirstYear} to {WindowDate.LastYear}).");
}
