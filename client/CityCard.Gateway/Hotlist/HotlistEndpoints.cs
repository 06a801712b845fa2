using CityCard.Gateway.Cluster;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Hotlist;

/// <summary>
/// The region's hotlist for terminals: the full list (paged, every page as of one version) and the changes since a
/// version. A terminal downloads the full list once, then polls the changes since the last version it applied.
/// </summary>
public static class HotlistEndpoints
{
    public const int DefaultPageSize = 1_000;
    public const int MaxPageSize = 10_000;

    public static void MapHotlistEndpoints(this IEndpointRouteBuilder routes)
    {
        var hotlist = routes.MapGroup("/v1/hotlist").WithTags("Hotlist");
        hotlist.MapGet("/", Full).Requires(GatewayOperation.ReadHotlist)
            .Produces<HotlistPage>()
            .WithSummary("The full hotlist: ?asOfVersion= (from the first page), ?after= (card), ?limit=");
        hotlist.MapGet("/changes", Changes).Requires(GatewayOperation.ReadHotlist)
            .Produces<HotlistChanges>()
            .WithSummary("Hotlist changes with a version above ?since=, oldest first, at most ?limit=");
    }

    private static async Task<IResult> Full(HotlistClient hotlist, string? asOfVersion, string? after, string? limit)
    {
        if (!Query.TryParseLong(asOfVersion, 0, long.MaxValue, out var asOf) || !Query.TryParseInt(limit, 1, MaxPageSize, out var size))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, $"asOfVersion is a version the list gave you; limit is 1 to {MaxPageSize}.");
        }

        CardNumber? start = null;
        if (after is not null)
        {
            if (!CardNumber.TryParse(after, out var card))
            {
                return Problems.Gateway(ProblemCodes.InvalidQuery, "after is the card number given as nextAfter by the previous page.");
            }

            start = card;
        }

        return TypedResults.Ok(await hotlist.GetPageAsync(asOf, start, size ?? DefaultPageSize));
    }

    private static async Task<IResult> Changes(HotlistClient hotlist, string? since, string? limit)
    {
        if (since is null || !Query.TryParseLong(since, 0, long.MaxValue, out var from) || !Query.TryParseInt(limit, 1, MaxPageSize, out var size))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, $"since is required: the last version you applied (0 for all); limit is 1 to {MaxPageSize}.");
        }

        return TypedResults.Ok(await hotlist.GetChangesAsync(from!.Value, size ?? DefaultPageSize));
    }
}
