using CityCard.Contracts;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Disputes;

/// <summary>
/// A case's answer as HTTP: an accepted step is 200 with the case after it (a retry carries
/// <c>Idempotent-Replayed: true</c>); a refused one recorded nothing and is a problem with its code's status.
/// </summary>
public static class DisputeResults
{
    public static IResult ToHttp(HttpContext http, DisputeResult r)
    {
        if (r.Status == OperationStatus.Rejected)
        {
            var code = r.Rejection ?? throw new InvalidOperationException("A refusal without a code.");
            return Problems.Of(DisputeRejectionStatus.For(code), code.ToString(), r.Detail, new Dictionary<string, object?>
            {
                ["caseId"] = r.CaseId,
                ["operationId"] = r.OperationId,
                ["caseStatus"] = r.Case?.Status.ToString(),
            });
        }

        if (r.IsReplay)
        {
            http.Response.Headers[OperationResults.ReplayedHeader] = "true";
        }

        return TypedResults.Ok(r.Case);
    }
}
