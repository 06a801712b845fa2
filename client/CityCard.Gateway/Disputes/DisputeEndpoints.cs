using CityCard.Gateway.Cluster;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Disputes;

/// <summary>
/// Dispute cases: opened on a card by its issuer's service desk (POST /v1/cards/{card}/disputes), then reviewed and
/// upheld or rejected by the back office of the city where the charge was made (/v1/disputes/{case}/…). The acting
/// city is the gateway's; who acted is the caller's key id.
/// </summary>
public static class DisputeEndpoints
{
    public const int MaxPageSize = 500;

    public static void MapDisputeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/cards/{card}/disputes", Open).WithTags("Disputes").Requires(GatewayOperation.OpenDispute).Idempotent()
            .Accepts<OpenDisputeBody>("application/json").Produces<DisputeCase>()
            .WithSummary($"Open a dispute case against one of this city's card's charges; the Idempotency-Key (at most {DisputeIds.MaxKeyLength} characters) names the case");

        var disputes = routes.MapGroup("/v1/disputes").WithTags("Disputes");
        disputes.MapGet("/", List).Requires(GatewayOperation.ReadDisputes)
            .Produces<DisputePage>()
            .WithSummary("The cases this city is party to: ?status=Open|UnderReview|Upheld|Rejected, ?after= (case id), ?limit=");
        disputes.MapGet("/{caseId}", Get).Requires(GatewayOperation.ReadDisputes)
            .Produces<DisputeCase>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One case with every step: who, when, why");
        disputes.MapPost("/{caseId}/review", Review).Requires(GatewayOperation.ReviewDispute).Idempotent()
            .Accepts<ReviewDisputeBody>("application/json").Produces<DisputeCase>()
            .WithSummary("Take up a case against a charge made in this city");
        disputes.MapPost("/{caseId}/uphold", Uphold).Requires(GatewayOperation.DecideDispute).Idempotent()
            .Accepts<UpholdDisputeBody>("application/json").Produces<DisputeCase>()
            .WithSummary("Uphold a case under review: the card is refunded (amount, or all that is left of the charge); a chargeback follows");
        disputes.MapPost("/{caseId}/reject", Reject).Requires(GatewayOperation.DecideDispute).Idempotent()
            .Accepts<RejectDisputeBody>("application/json").Produces<DisputeCase>()
            .WithSummary("Reject a case under review: the charge stands");
    }

    private static async Task<IResult> Open(HttpContext http, DisputesClient disputes, GatewaySettings gateway)
    {
        var caseId = http.OperationId();
        if (!DisputeIds.IsValid(caseId))
        {
            return Problems.Of(400, nameof(DisputeRejection.InvalidCaseId), $"The case is named by the Idempotency-Key: at most {DisputeIds.MaxKeyLength} characters for opening a case.");
        }

        var body = await JsonBody.ReadAsync<OpenDisputeBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var b = body.Value!;
        var request = new OpenDisputeRequest(caseId, gateway.City, http.Caller().KeyId, http.Card(), b.ChargeOperationId, b.Reason, b.Evidence);
        return DisputeResults.ToHttp(http, await disputes.OpenAsync(caseId, request));
    }

    private static async Task<IResult> List(DisputesClient disputes, GatewaySettings gateway, string? status, string? after, string? limit)
    {
        DisputeStatus? wanted = null;
        if (status is not null)
        {
            // Exact names only: Enum.TryParse would also take "1" or "open".
            if (status == nameof(DisputeStatus.NotOpened) || !Enum.GetNames<DisputeStatus>().Contains(status))
            {
                return Problems.Gateway(ProblemCodes.InvalidQuery, "status is Open, UnderReview, Upheld or Rejected.");
            }

            wanted = Enum.Parse<DisputeStatus>(status);
        }

        if ((after is not null && !DisputeIds.IsValid(after)) || !Query.TryParseInt(limit, 1, MaxPageSize, out var size))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, $"after is a case id (nextAfter of the previous page); limit is 1 to {MaxPageSize}.");
        }

        return TypedResults.Ok(await disputes.ListAsync(gateway.City, wanted, after, size ?? 100));
    }

    private static async Task<IResult> Get(string caseId, DisputesClient disputes, GatewaySettings gateway)
    {
        if (!DisputeIds.IsValid(caseId))
        {
            return Problems.Of(400, nameof(DisputeRejection.InvalidCaseId), $"A case id is 1 to {DisputeIds.MaxLength} {Identifier.Characters}");
        }

        var found = await disputes.GetAsync(caseId);
        if (found is null)
        {
            return Problems.Of(404, nameof(DisputeRejection.CaseNotFound), $"No case {caseId} has been opened.");
        }

        return gateway.City == found.Issuer || gateway.City == found.Acquirer
            ? TypedResults.Ok(found)
            : Problems.Of(403, ProblemCodes.NotCaseParty, $"Case {caseId} is between {found.Issuer} and {found.Acquirer}; {gateway.City} is no party to it.");
    }

    private static Task<IResult> Review(HttpContext http, string caseId, DisputesClient disputes, GatewaySettings gateway) =>
        Step<ReviewDisputeBody>(http, caseId, b => disputes.ReviewAsync(caseId, new ReviewDisputeRequest(http.OperationId(), gateway.City, http.Caller().KeyId, b.Note)));

    private static Task<IResult> Uphold(HttpContext http, string caseId, DisputesClient disputes, GatewaySettings gateway) =>
        Step<UpholdDisputeBody>(http, caseId, b => disputes.UpholdAsync(caseId, new UpholdDisputeRequest(
            http.OperationId(), gateway.City, http.Caller().KeyId, b.Amount is { } fen ? Money.FromFen(fen) : null, b.Reason)));

    private static Task<IResult> Reject(HttpContext http, string caseId, DisputesClient disputes, GatewaySettings gateway) =>
        Step<RejectDisputeBody>(http, caseId, b => disputes.RejectAsync(caseId, new RejectDisputeRequest(http.OperationId(), gateway.City, http.Caller().KeyId, b.Reason)));

    private static async Task<IResult> Step<TBody>(HttpContext http, string caseId, Func<TBody, Task<DisputeResult>> call)
        where TBody : class
    {
        if (!DisputeIds.IsValid(caseId))
        {
            return Problems.Of(400, nameof(DisputeRejection.InvalidCaseId), $"A case id is 1 to {DisputeIds.MaxLength} {Identifier.Characters}");
        }

        var body = await JsonBody.ReadAsync<TBody>(http);
        return body.Problem ?? DisputeResults.ToHttp(http, await call(body.Value!));
    }
}
