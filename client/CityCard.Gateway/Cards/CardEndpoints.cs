using System.Globalization;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Cards;

/// <summary>
/// /v1/cards/{card}: every card operation and the card's view and history. The city of each operation (issuer,
/// loading city, acquirer) is the gateway's own; bodies never name it.
/// </summary>
public static class CardEndpoints
{
    /// <summary>The most history entries one response carries (the newest ones up to the moment asked for).</summary>
    public const int MaxHistoryEntries = 1_000;

    public static void MapCardEndpoints(this IEndpointRouteBuilder routes)
    {
        var cards = routes.MapGroup("/v1/cards/{card}").WithTags("Cards");

        cards.MapPost("/issue", Issue).Requires(GatewayOperation.IssueCard).Idempotent()
            .Accepts<IssueCardBody>("application/json").Produces<CardOperationResponse>()
            .WithSummary("Issue (sell) one of this city's cards");
        cards.MapPost("/top-ups", TopUp).Requires(GatewayOperation.TopUp).Idempotent()
            .Accepts<TopUpBody>("application/json").Produces<CardOperationResponse>()
            .WithSummary("Load money onto any card of the region; the channel follows from the key's role");
        cards.MapPost("/charges", Charge).Requires(GatewayOperation.Charge).Idempotent()
            .Accepts<ChargeBody>("application/json").Produces<CardOperationResponse>()
            .WithSummary("Charge a ride (priced by this city's policy) or a purchase (the merchant's amount); a refusal is 200 with status Refused");
        cards.MapPost("/charges/{chargeKey}/reversals", Reverse).Requires(GatewayOperation.ReverseCharge).Idempotent()
            .Accepts<ReverseChargeBody>("application/json").Produces<CardOperationResponse>()
            .WithSummary("Give back all or part of a charge this city took, named by its Idempotency-Key");
        cards.MapPost("/block", Block).Requires(GatewayOperation.BlockCard).Idempotent()
            .Accepts<BlockCardBody>("application/json").Produces<CardOperationResponse>()
            .WithSummary("Block one of this city's cards (lost, stolen, fraud)");
        cards.MapPost("/unblock", Unblock).Requires(GatewayOperation.UnblockCard).Idempotent()
            .Produces<CardOperationResponse>()
            .WithSummary("Unblock one of this city's cards");
        cards.MapPost("/replace", Replace).Requires(GatewayOperation.ReplaceCard).Idempotent()
            .Accepts<ReplaceCardBody>("application/json").Produces<CardOperationResponse>()
            .WithSummary("Move balance and deposit to a new card of this city");
        cards.MapPost("/close", Close).Requires(GatewayOperation.CloseCard).Idempotent()
            .Produces<CardOperationResponse>()
            .WithSummary("Close one of this city's cards, refunding balance and deposit");
        cards.MapGet("/", View).Requires(GatewayOperation.ViewCard)
            .Produces<CardView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The card now, or as it stood at ?asOf=");
        cards.MapGet("/history", History).Requires(GatewayOperation.ReadHistory)
            .Produces<CardHistory>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The card replayed up to ?asOf= (recording time) and/or ?asOfVersion=, newest ?limit= entries, with its hash chain verified");
    }

    private static async Task<IResult> Issue(HttpContext http, IClusterClient cluster, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<IssueCardBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (!ProductCode.TryParse(body.Value!.Product, out var product))
        {
            return Problems.Of(RejectionCode.UnknownProduct, "A product code is 2 to 24 lower-case letters, digits or '-'.");
        }

        var request = new IssueCardRequest(http.OperationId(), gateway.City, product, Money.FromFen(body.Value.Deposit));
        return OperationResults.ToHttp(http, await cluster.Card(http.Card()).Issue(request));
    }

    private static async Task<IResult> TopUp(HttpContext http, IClusterClient cluster, GatewaySettings gateway, TopUpAllowance allowance)
    {
        var body = await JsonBody.ReadAsync<TopUpBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        // The channel is the key's, never the body's (docs/decisions/0074).
        var caller = http.Caller();
        var channel = TopUpChannels.Of(caller.Role) ?? throw new InvalidOperationException($"A {caller.Role.Name()} key reached a top-up.");
        if (body.Value!.Channel is { } claimed && claimed != channel)
        {
            return Problems.Gateway(ProblemCodes.ChannelNotAllowed, $"A {caller.Role.Name()} key tops up through {channel}; the body named {claimed}. Leave channel out, or name {channel}.");
        }

        var amount = body.Value.Amount;
        var operationId = http.OperationId();
        if (!allowance.TryReserve(caller, operationId, Math.Max(0, amount), out var ceiling, out var untilTomorrow))
        {
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(untilTomorrow.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.Gateway(ProblemCodes.DailyTopUpCeilingReached, $"Key '{caller.KeyId}' may top up {ceiling} fen a day; this top-up would pass it. Nothing was recorded.");
        }

        CardOperationResult result;
        try
        {
            result = await cluster.Card(http.Card()).TopUp(new TopUpRequest(operationId, Money.FromFen(amount), gateway.City, channel));
        }
        catch
        {
            allowance.Release(caller, operationId);
            throw;
        }

        // A rejection recorded nothing: it uses none of the day's ceiling.
        if (result.Status == OperationStatus.Rejected)
        {
            allowance.Release(caller, operationId);
        }

        return OperationResults.ToHttp(http, result);
    }

    private static async Task<IResult> Charge(HttpContext http, IClusterClient cluster, GatewaySettings gateway, Registry.TerminalSequences sequences)
    {
        var body = await JsonBody.ReadAsync<ChargeBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var b = body.Value!;
        if (await Registry.TerminalTaps.CheckAsync(http, http.Card().Value, b.TerminalId, b.MerchantId, b.Category, b.TerminalSequence) is { } refused)
        {
            return refused;
        }

        var request = ChargeRequests.From(b, http.OperationId(), gateway.City);
        var result = await cluster.Card(http.Card()).Charge(request);
        await sequences.RecordAsync([(http.Card().Value, request)]);
        return OperationResults.ToHttp(http, result);
    }

    private static async Task<IResult> Reverse(HttpContext http, string chargeKey, IClusterClient cluster, GatewaySettings gateway)
    {
        if (!OperationIds.IsValidKey(chargeKey))
        {
            return Problems.Of(RejectionCode.InvalidOperationId, $"The charge is named by the Idempotency-Key it was made with: 1 to {OperationIds.MaxKeyLength} {Identifier.Characters}");
        }

        var body = await JsonBody.ReadAsync<ReverseChargeBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = new ReverseChargeRequest(http.OperationId(), OperationIds.For(gateway.City, chargeKey), Money.FromFen(body.Value!.Amount), body.Value.Reason);
        return OperationResults.ToHttp(http, await cluster.Card(http.Card()).ReverseCharge(request));
    }

    private static async Task<IResult> Block(HttpContext http, IClusterClient cluster)
    {
        var body = await JsonBody.ReadAsync<BlockCardBody>(http);
        return body.Problem ?? OperationResults.ToHttp(http, await cluster.Card(http.Card()).Block(new BlockCardRequest(http.OperationId(), body.Value!.Reason)));
    }

    private static async Task<IResult> Unblock(HttpContext http, IClusterClient cluster)
    {
        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        return body.Problem ?? OperationResults.ToHttp(http, await cluster.Card(http.Card()).Unblock(new UnblockCardRequest(http.OperationId())));
    }

    private static async Task<IResult> Replace(HttpContext http, IClusterClient cluster)
    {
        var body = await JsonBody.ReadAsync<ReplaceCardBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (!CardNumber.TryParse(body.Value!.NewCard, out var newCard))
        {
            return Problems.Of(RejectionCode.MalformedCardNumber, "The new card's number has the wrong letters, length or check digit.");
        }

        return OperationResults.ToHttp(http, await cluster.Card(http.Card()).Replace(new ReplaceCardRequest(http.OperationId(), newCard)));
    }

    private static async Task<IResult> Close(HttpContext http, IClusterClient cluster)
    {
        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        return body.Problem ?? OperationResults.ToHttp(http, await cluster.Card(http.Card()).Close(new CloseCardRequest(http.OperationId())));
    }

    private static async Task<IResult> View(HttpContext http, IClusterClient cluster, string? asOf)
    {
        if (!Query.TryParseTime(asOf, nameof(asOf), out var moment, out var badTime))
        {
            return badTime;
        }

        var card = http.Card();
        var view = moment is null ? await cluster.Card(card).GetView() : (await cluster.Card(card).GetHistory(moment)).State;
        return view is null || view.Status == CardStatus.NotIssued
            ? Problems.Of(RejectionCode.CardNotIssued, moment is null ? "The card has not been issued." : "The card had not been issued at that moment.")
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> History(HttpContext http, IClusterClient cluster, string? asOf, string? asOfVersion, string? limit)
    {
        if (!Query.TryParseTime(asOf, nameof(asOf), out var moment, out var badTime))
        {
            return badTime;
        }

        if (!Query.TryParseLong(asOfVersion, 1, long.MaxValue, out var version))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, "asOfVersion is a version of the card's stream, 1 or more.");
        }

        if (!Query.TryParseInt(limit, 1, MaxHistoryEntries, out var keepAtMost))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, $"limit is 1 to {MaxHistoryEntries}.");
        }

        var history = await cluster.Card(http.Card()).Replay(new ReplayPoint(moment, version));
        if (history is null || history.Entries.Count == 0)
        {
            return Problems.Of(RejectionCode.CardNotIssued, "The card has no history (up to that moment).");
        }

        var keep = keepAtMost ?? MaxHistoryEntries;
        return TypedResults.Ok(history.Entries.Count <= keep ? history : history with { Entries = history.Entries.Skip(history.Entries.Count - keep).ToList() });
    }
}
