using CityCard.Gateway.Cluster;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Integrity;

/// <summary>
/// Hash-chain verification for a city's back office: one of its cards' streams, or all of them a page at a time (the
/// CLI's <c>verify</c> walks the pages with a progress bar). A replay (GET /v1/cards/{card}/history) verifies too.
/// </summary>
public static class StreamVerificationEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static void MapStreamVerificationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/cards/{card}/verification", VerifyCard).WithTags("Verification").Requires(GatewayOperation.VerifyCardStream)
            .Produces<StreamVerification>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Check one of this city's card streams against its hash chain: the first event that does not match, if any");
        routes.MapGet("/v1/streams/verification", VerifyPage).WithTags("Verification").Requires(GatewayOperation.VerifyStreams)
            .Produces<StreamVerificationPage>()
            .WithSummary("Check this city's card streams, ?limit= of them after card ?after=; nextAfter continues, totalStreams counts them all");
    }

    private static async Task<IResult> VerifyCard(HttpContext http, IClusterClient cluster)
    {
        var verification = await cluster.Card(http.Card()).VerifyStream();
        return verification is null || verification.EventsChecked == 0
            ? Problems.Of(RejectionCode.CardNotIssued, "The card has no stream.")
            : TypedResults.Ok(verification);
    }

    private static async Task<IResult> VerifyPage(IntegrityClient integrity, GatewaySettings gateway, string? after, string? limit)
    {
        CardNumber start = default;
        if ((after is not null && !CardNumber.TryParse(after, out start)) || !Query.TryParseInt(limit, 1, MaxPageSize, out var size))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, $"after is a card number (nextAfter of the previous page); limit is 1 to {MaxPageSize}.");
        }

        return TypedResults.Ok(await integrity.VerifyStreamsAsync(gateway.City, after is null ? null : start.Value, size ?? DefaultPageSize));
    }
}
