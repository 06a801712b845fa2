using System.Net;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public sealed class Every_card_endpoint_works_through_the_gateway(GatewayFixture gateways)
{
    private GatewayClient Desk(City city) => gateways.Client(city, Role.ServiceDesk);

    private GatewayClient Terminal(City city) => gateways.Client(city, Role.Terminal);

    private GatewayClient Operations(City city) => gateways.Client(city, Role.Operations);

    private static ChargeBody Tap(long fen, long sequence = 1) => new()
    {
        Amount = fen, MerchantId = "LZ-SHOP", Category = Category.Retail, TerminalId = "LZ-T-1", TerminalSequence = sequence, TappedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
    };

    [Fact]
    public async Task A_card_is_issued_topped_up_charged_across_cities_and_reversed()
    {
        var card = NewCard(City.ZG);
        var issued = (await Desk(City.ZG).IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, "issue-1")).Expect();
        Assert.Equal((OperationStatus.Accepted, CardStatus.Active, "ZG:issue-1"), (issued.Status, issued.CardStatus, issued.OperationId));

        var topUp = (await Terminal(City.LZ).TopUpAsync(card, new TopUpBody { Amount = 5_000, Channel = TopUpChannel.Kiosk }, "kiosk-1")).Expect();
        Assert.Equal((5_000L, "LZ:kiosk-1"), (topUp.Balance, topUp.OperationId));

        var charged = (await Terminal(City.LZ).ChargeAsync(card, Tap(1_200), "tap-1")).Expect();
        Assert.Equal((OperationStatus.Accepted, 3_800L), (charged.Status, charged.Balance));

        var reversed = (await Desk(City.LZ).ReverseChargeAsync(card, "tap-1", new ReverseChargeBody { Amount = 200, Reason = "Wrong fare" }, "rev-1")).Expect();
        Assert.Equal(4_000L, reversed.Balance);

        var view = (await Operations(City.ZG).GetCardAsync(card)).Expect();
        Assert.Equal((card, CardStatus.Active, 4_000L, 2_000L, 4L), (view.Card.Value, view.Status, view.Balance.Fen, view.Deposit.Fen, view.Version));
    }

    [Fact]
    public async Task A_retry_returns_the_first_response_and_other_content_under_the_same_key_is_a_conflict()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        var tap = Tap(300);
        var first = await Terminal(City.ZG).ChargeAsync(card, tap, "retry-me");
        var again = await Terminal(City.ZG).ChargeAsync(card, tap, "retry-me");

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Value! with { Replay = true }, again.Value);
        Assert.Equal(4_700L, again.Value!.Balance);

        var conflict = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", KeyOf(City.ZG, Role.Terminal), "retry-me", Requests.ChargeJson(999)));
        await ProblemAssert.IsProblem(conflict, HttpStatusCode.Conflict, "OperationConflict");
        Assert.Equal(3L, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_ride_is_priced_by_the_acquiring_citys_policy_and_the_fare_comes_back()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        var ride = new ChargeBody
        {
            Ride = new RideBody { Route = "LZ-3" }, MerchantId = "LZ-BUS", Category = Category.Bus, TerminalId = "LZB-0042", TerminalSequence = 1001, TappedAt = DateTimeOffset.UtcNow.AddMinutes(-2),
        };

        var charged = (await Terminal(City.LZ).ChargeAsync(card, ride, "tap:LZB-0042:1001")).Expect();

        Assert.Equal(OperationStatus.Accepted, charged.Status);
        Assert.True(charged.Charged > 0, $"a Luzhou bus costs something, charged {charged.Charged}");
        Assert.Equal(5_000L - charged.Charged, charged.Balance);
        var entry = (await Operations(City.ZG).GetHistoryAsync(card, limit: 1)).Expect().Entries.Single();
        Assert.Equal(charged.Charged, entry.Fare?.Charged.Fen);
        Assert.StartsWith("LZ@", entry.Fare!.Policy, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first bus's reader uploads after the second bus was charged in full: the history's fare adjustment names the
    /// ride it adjusts and its fare before in fields of their own, not only in its summary.
    /// </summary>
    [Fact]
    public async Task A_fare_adjustment_in_the_history_names_the_ride_it_adjusts_and_the_fare_before()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        var firstAt = DateTimeOffset.UtcNow;
        ChargeBody Bus(string route, long sequence, DateTimeOffset at) => new()
        {
            Ride = new RideBody { Route = route }, MerchantId = "ZG-BUS", Category = Category.Bus, TerminalId = $"ZGB-{sequence}", TerminalSequence = sequence, TappedAt = at,
        };

        (await Terminal(City.ZG).ChargeAsync(card, Bus("ZG-35", 2, DateTimeOffset.UtcNow), "second-bus")).Expect();
        var late = (await Terminal(City.ZG).ChargeAsync(card, Bus("ZG-1", 1, firstAt), "first-bus")).Expect();

        using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Get, $"v1/cards/{card}/history", KeyOf(City.ZG, Role.Operations), null, null));
        var entries = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").EnumerateArray().ToList();
        var adjusted = Assert.Single(entries, e => e.GetProperty("eventType").GetString() == "fare_adjusted.v1");
        Assert.Equal(("ZG:first-bus", "ZG:second-bus", 300L, 100L, 200L), (
            adjusted.GetProperty("operationId").GetString(), adjusted.GetProperty("chargeOperationId").GetString(), adjusted.GetProperty("fareBefore").GetInt64(),
            adjusted.GetProperty("fare").GetProperty("charged").GetInt64(), adjusted.GetProperty("amount").GetInt64()));
        Assert.Equal(5_000L - 300 - 200 + 200, late.Balance);
        Assert.All(entries.Where(e => e.GetProperty("eventType").GetString() == "card_charged.v1"), e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("fareBefore").ValueKind));
    }

    [Fact]
    public async Task A_refused_tap_is_recorded_and_answered_200_with_its_refusal()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 100);
        var refused = (await Terminal(City.LZ).ChargeAsync(card, Tap(500), "too-dear")).Expect();

        Assert.Equal((OperationStatus.Refused, RejectionCode.InsufficientBalance, 100L), (refused.Status, refused.Refusal, refused.Balance));
        Assert.Equal(3L, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_card_is_blocked_unblocked_replaced_and_the_replacement_closed()
    {
        var card = await gateways.NewActiveCardAsync(City.LZ, 3_000);
        var replacement = NewCard(City.LZ);

        Assert.Equal(CardStatus.Blocked, (await Desk(City.LZ).BlockAsync(card, new BlockCardBody { Reason = BlockReason.Stolen }, "block")).Expect().CardStatus);
        Assert.Equal(CardStatus.Active, (await Desk(City.LZ).UnblockAsync(card, "unblock")).Expect().CardStatus);
        Assert.Equal(CardStatus.Replaced, (await Desk(City.LZ).ReplaceAsync(card, new ReplaceCardBody { NewCard = replacement }, "replace")).Expect().CardStatus);

        var moved = (await Operations(City.LZ).GetCardAsync(replacement)).Expect();
        Assert.Equal((CardStatus.Active, 3_000L, 2_000L), (moved.Status, moved.Balance.Fen, moved.Deposit.Fen));

        var closed = (await Desk(City.LZ).CloseAsync(replacement, "close")).Expect();
        Assert.Equal((CardStatus.Closed, 0L), (closed.CardStatus, closed.Balance));
    }

    [Fact]
    public async Task The_view_and_history_answer_as_of_a_moment()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await Terminal(City.ZG).ChargeAsync(card, Tap(400), "later")).Expect();

        var then = (await Operations(City.ZG).GetCardAsync(card, between)).Expect();
        var now = (await Operations(City.ZG).GetCardAsync(card)).Expect();
        Assert.Equal((1_000L, 2L), (then.Balance.Fen, then.Version));
        Assert.Equal((600L, 3L), (now.Balance.Fen, now.Version));

        var history = (await Operations(City.ZG).GetHistoryAsync(card, between)).Expect();
        Assert.Equal(["card_issued.v1", "card_topped_up.v1"], history.Entries.Select(e => e.EventType));
        var newest = (await Operations(City.ZG).GetHistoryAsync(card, limit: 1)).Expect();
        Assert.Equal("card_charged.v1", Assert.Single(newest.Entries).EventType);
        Assert.Equal(600L, newest.State.Balance.Fen);

        var before = await Operations(City.ZG).GetCardAsync(card, between.AddDays(-1));
        Assert.Equal("CardNotIssued", before.Problem?.Code);
    }

    [Fact]
    public async Task Errors_for_unknown_routes_are_problems_and_the_reference_is_served()
    {
        var http = gateways.Http(City.ZG);
        var key = KeyOf(City.ZG, Role.Operations);
        await ProblemAssert.IsProblem(await http.SendAsync(Requests.Json(HttpMethod.Get, "v1/nothing", key, null, null)), HttpStatusCode.NotFound, "NotFound");
        await ProblemAssert.IsProblem(await http.SendAsync(Requests.Json(HttpMethod.Delete, $"v1/cards/{NewCard(City.ZG)}/issue", key, null, null)), HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");

        // Without a key, the same requests learn nothing: not even that one route exists and the other does not.
        await ProblemAssert.IsProblem(await http.GetAsync(new Uri("v1/nothing", UriKind.Relative)), HttpStatusCode.Unauthorized, "MissingApiKey");
        await ProblemAssert.IsProblem(await http.DeleteAsync(new Uri($"v1/cards/{NewCard(City.ZG)}/issue", UriKind.Relative)), HttpStatusCode.Unauthorized, "MissingApiKey");

        var openApi = await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
        Assert.Contains("/v1/cards/{card}/charges", openApi, StringComparison.Ordinal);
        Assert.Contains("/v1/tap-batches", openApi, StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key", openApi, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", openApi, StringComparison.Ordinal);

        var docs = await http.GetStringAsync(new Uri("docs", UriKind.Relative));
        Assert.Contains("id=\"CardBlocked\"", docs, StringComparison.Ordinal);
        Assert.Contains("id=\"BatchTooLarge\"", docs, StringComparison.Ordinal);
        Assert.Contains("/v1/hotlist/changes", docs, StringComparison.Ordinal);
    }
}
