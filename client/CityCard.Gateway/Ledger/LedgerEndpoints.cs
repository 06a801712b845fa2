using CityCard.Gateway.Cluster;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Ledger;

/// <summary>
/// /v1/ledger: this gateway's city's own ledger, read-only (the clearing house is its only writer). There is no way to
/// name another city: its payables to operators are its own business.
/// </summary>
public static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/ledger").WithTags("Ledger")
            .MapGet("/trial-balance", TrialBalance).Requires(GatewayOperation.ReadTrialBalance)
            .Produces<TrialBalance>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("This city's trial balance now, or of the postings recorded up to ?asOf=; debits equal credits to the fen");
    }

    private static async Task<IResult> TrialBalance(string? asOf, SettlementClient clearing, GatewaySettings gateway)
    {
        if (!Query.TryParseTime(asOf, nameof(asOf), out var moment, out var badTime))
        {
            return badTime;
        }

        return TypedResults.Ok(await clearing.GetTrialBalanceAsync(gateway.City, moment));
    }
}
