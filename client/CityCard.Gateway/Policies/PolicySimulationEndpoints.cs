using System.Globalization;
using System.Text;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Policies;

/// <summary>
/// /v1/policy/simulations (decision 0062): the city's operations try a draft of the city's policy file on the rides
/// the city charged from <c>from</c> to <c>to</c> (CST dates, inclusive) and get the report beside what was charged.
/// Nothing is written, so there is no Idempotency-Key. The body is the draft file itself (application/json), up to
/// <see cref="MaxDraftBytes"/>; a draft the silo's validation would refuse is 422 InvalidPolicyDraft with its errors.
/// </summary>
public static class PolicySimulationEndpoints
{
    /// <summary>A draft's size limit: under Kestrel's ceiling on any body (the region's files are a few KiB each).</summary>
    public const int MaxDraftBytes = 1024 * 1024;

    /// <summary>At most this many of a draft's errors are listed (<c>errorCount</c> counts them all).</summary>
    public const int MaxListedErrors = 100;

    public static void MapPolicySimulationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/policy/simulations", Simulate).Requires(GatewayOperation.SimulatePolicy).WithTags("Policy")
            .Accepts<System.Text.Json.Nodes.JsonObject>("application/json")
            .Produces<SimulationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Try a draft of this city's policy file (the body) on the rides the city charged from ?from= to ?to= (yyyy-MM-dd, CST, at most 92 days): revenue by operator, mode and product, riders paying more or less, caps, transfers, passes, recorded beside simulated. Writes nothing");
    }

    private static async Task<IResult> Simulate(HttpContext http, IClusterClient cluster, GatewaySettings gateway, string? from, string? to)
    {
        if (!TryDate(from, out var first) || !TryDate(to, out var last))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, "from and to are dates, yyyy-MM-dd (China time), both required.");
        }

        var body = await BodyBytes.ReadAsync(http, MaxDraftBytes, IsJson);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value!.Length == 0)
        {
            return Problems.Gateway(ProblemCodes.InvalidBody, "The body is the draft policy file, as JSON.");
        }

        string draft;
        try
        {
            draft = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Value);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Gateway(ProblemCodes.InvalidBody, "The draft is not UTF-8 text.");
        }

        var result = await cluster.GetGrain<IPolicySimulationGrain>(0).Simulate(gateway.City, draft, first, last);
        return result switch
        {
            { Report: { } report } => TypedResults.Ok(report),
            { Refusal: PolicySimulationResult.InvalidPolicyDraft } => Problems.Gateway(ProblemCodes.InvalidPolicyDraft, result.Detail, new Dictionary<string, object?>
            {
                ["errorCount"] = result.Errors.Count,
                ["errors"] = result.Errors.Take(MaxListedErrors).ToList(),
            }),
            { Refusal: PolicySimulationResult.PeriodTooLong } => Problems.Gateway(ProblemCodes.PeriodTooLong, result.Detail),
            _ => Problems.Gateway(ProblemCodes.PeriodBackwards, result.Detail),
        };
    }

    private static bool TryDate(string? text, out DateOnly date)
    {
        date = default;
        return text is not null
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date.Year is >= 2000 and <= 2099;
    }

    private static bool IsJson(string mediaType) => mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
