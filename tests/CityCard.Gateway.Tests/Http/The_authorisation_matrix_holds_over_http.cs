using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public sealed class The_authorisation_matrix_holds_over_http(GatewayFixture gateways)
{
    /// <summary>A request for each operation, on a card of the given issuer; valid enough to pass authorisation.</summary>
    internal static HttpRequestMessage RequestFor(GatewayOperation operation, string card, string apiKey)
    {
        var key = NewKey("m");
        var issuer = CardNumber.Parse(card).Issuer;
        return operation switch
        {
            GatewayOperation.IssueCard => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/issue", apiKey, key, """{"product":"standard","deposit":0}"""),
            GatewayOperation.TopUp => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/top-ups", apiKey, key, """{"amount":100}"""),
            GatewayOperation.Charge => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", apiKey, key, Requests.ChargeJson(100)),
            GatewayOperation.UploadTaps => Requests.Json(HttpMethod.Post, "v1/tap-batches", apiKey, null, $"card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n{card},100,M,Retail,T-M,1,{Requests.Now()}\n", "text/csv"),
            GatewayOperation.ReverseCharge => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges/nope/reversals", apiKey, key, """{"amount":100,"reason":"test"}"""),
            GatewayOperation.BlockCard => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/block", apiKey, key, """{"reason":"Lost"}"""),
            GatewayOperation.UnblockCard => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/unblock", apiKey, key, null),
            GatewayOperation.ReplaceCard => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/replace", apiKey, key, $$"""{"newCard":"{{NewCard(issuer)}}"}"""),
            GatewayOperation.CloseCard => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/close", apiKey, key, null),
            GatewayOperation.ViewCard => Requests.Json(HttpMethod.Get, $"v1/cards/{card}", apiKey, null, null),
            GatewayOperation.ReadHistory => Requests.Json(HttpMethod.Get, $"v1/cards/{card}/history", apiKey, null, null),
            GatewayOperation.ReadHotlist => Requests.Json(HttpMethod.Get, "v1/hotlist", apiKey, null, null),
            GatewayOperation.VerifyCardStream => Requests.Json(HttpMethod.Get, $"v1/cards/{card}/verification", apiKey, null, null),
            GatewayOperation.VerifyStreams => Requests.Json(HttpMethod.Get, "v1/streams/verification?limit=1", apiKey, null, null),
            GatewayOperation.OpenDispute => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/disputes", apiKey, key, """{"chargeOperationId":"LZ:none","reason":"r","evidence":"e"}"""),
            GatewayOperation.ReadDisputes => Requests.Json(HttpMethod.Get, "v1/disputes?limit=1", apiKey, null, null),
            GatewayOperation.ReviewDispute => Requests.Json(HttpMethod.Post, "v1/disputes/ZG:no-such-case/review", apiKey, key, """{"note":"n"}"""),
            GatewayOperation.DecideDispute => Requests.Json(HttpMethod.Post, "v1/disputes/ZG:no-such-case/uphold", apiKey, key, """{"reason":"r"}"""),
            GatewayOperation.StartReconciliation => Requests.Json(HttpMethod.Post, "v1/reconciliations", apiKey, key, null),
            GatewayOperation.ReadReconciliation => Requests.Json(HttpMethod.Get, "v1/reconciliations/ZG:no-such-run", apiKey, null, null),
            GatewayOperation.IssueBatch => Requests.Json(HttpMethod.Post, "v1/issue-batches", apiKey, null, $"batch,{key[..30]}\nproduct,student\nchannel,School\ncard,{NewCard(issuer)}\n", "text/csv"),
            GatewayOperation.ReadIssueBatch => Requests.Json(HttpMethod.Get, "v1/issue-batches/no-such-batch", apiKey, null, null),
            GatewayOperation.ReadReferenceData => Requests.Json(HttpMethod.Get, "v1/reference", apiKey, null, null),
            GatewayOperation.SellPass => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/passes", apiKey, key, """{"definedBy":"region","product":"regional-bus-30"}"""),
            GatewayOperation.RefundPass => Requests.Json(HttpMethod.Post, $"v1/cards/{card}/passes/no-such-pass/refund", apiKey, key, null),
            GatewayOperation.ReadPassProducts => Requests.Json(HttpMethod.Get, "v1/passes?on=2027-01-05", apiKey, null, null),
            GatewayOperation.SimulatePolicy => Requests.Json(HttpMethod.Post, "v1/policy/simulations?from=2027-01-05&to=2027-01-04", apiKey, null, "{}"),
            GatewayOperation.ManageOperators => Requests.Json(HttpMethod.Post, "v1/operators/no-such-operator/suspend", apiKey, key, """{"reason":"r"}"""),
            GatewayOperation.ManageTerminals => Requests.Json(HttpMethod.Post, "v1/terminals/no-such-terminal/rotate-key", apiKey, key, null),
            GatewayOperation.ReadRegistry => Requests.Json(HttpMethod.Get, "v1/operators", apiKey, null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>The card, hotlist, verification, dispute and reconciliation operations; the clearing ones have their own matrix.</summary>
    public static readonly GatewayOperation[] Operations =
    [
        GatewayOperation.IssueCard, GatewayOperation.TopUp, GatewayOperation.Charge, GatewayOperation.UploadTaps,
        GatewayOperation.ReverseCharge, GatewayOperation.BlockCard, GatewayOperation.UnblockCard, GatewayOperation.ReplaceCard,
        GatewayOperation.CloseCard, GatewayOperation.ViewCard, GatewayOperation.ReadHistory, GatewayOperation.ReadHotlist,
        GatewayOperation.VerifyCardStream, GatewayOperation.VerifyStreams, GatewayOperation.OpenDispute, GatewayOperation.ReadDisputes,
        GatewayOperation.ReviewDispute, GatewayOperation.DecideDispute, GatewayOperation.StartReconciliation, GatewayOperation.ReadReconciliation,
        GatewayOperation.IssueBatch, GatewayOperation.ReadIssueBatch,
        GatewayOperation.ReadReferenceData,
        GatewayOperation.SellPass, GatewayOperation.RefundPass, GatewayOperation.ReadPassProducts,
        GatewayOperation.SimulatePolicy,
        GatewayOperation.ManageOperators, GatewayOperation.ManageTerminals, GatewayOperation.ReadRegistry,
    ];

    /// <summary>Three cities' keys of every city role, and the region's clearing key.</summary>
    public static readonly (City? City, Role Role)[] Keys =
        [.. new[] { City.ZG, City.LZ, City.NJ }.SelectMany(c => Roles.OfCities.Select(r => ((City?)c, r))), (null, Role.Clearing)];

    [Fact]
    public async Task Each_role_and_city_against_each_operation_gets_exactly_what_the_domain_allows()
    {
        var failures = new List<string>();
        var cases = 0;
        foreach (var gateway in new[] { City.ZG, City.LZ })
        {
            foreach (var operation in Operations)
            {
                foreach (var (keyCity, role) in Keys)
                {
                    foreach (var issuer in new[] { City.ZG, City.LZ })
                    {
                        cases++;
                        var card = await gateways.NewActiveCardAsync(issuer, 1_000);
                        using var response = await gateways.Http(gateway).SendAsync(RequestFor(operation, card, KeyOf(keyCity, role)));
                        var body = await response.Content.ReadAsStringAsync();
                        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                            ? JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()
                            : null;
                        var expected = ExpectedAccess.Denial(operation, keyCity, role, gateway, issuer);
                        var ok = expected is null
                            ? response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500
                            : response.StatusCode == HttpStatusCode.Forbidden && code == expected;
                        if (!ok)
                        {
                            failures.Add($"{operation} at {gateway} with a {keyCity?.ToString() ?? "region"} {role.Name()} key on a {issuer} card: expected {expected ?? "allowed"}, got {(int)response.StatusCode} {code}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(2 * Operations.Length * Keys.Length * 2, cases);
    }

    [Theory]
    [InlineData(null, "MissingApiKey")]
    [InlineData("", "MissingApiKey")]
    [InlineData("no-dot-in-this-key", "InvalidApiKey")]
    [InlineData("zg-terminal.wrong-secret-0123456789", "InvalidApiKey")]
    [InlineData("nobody.test-secret-ZG-terminal-0123456789", "InvalidApiKey")]
    [InlineData("zg terminal.x", "InvalidApiKey")]
    public async Task A_missing_or_wrong_key_is_401_and_changes_nothing(string? apiKey, string code)
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var before = await RegionState.CaptureAsync(gateways, card);
        using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", apiKey, NewKey("k"), Requests.ChargeJson(100)));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, code);
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    [Fact]
    public async Task A_reversal_finds_only_charges_its_own_city_took()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        (await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(card, new CityCard.Http.ChargeBody
        {
            Amount = 300, MerchantId = "LZ-SHOP", Category = Category.Retail, TerminalId = "LZ-T-9", TerminalSequence = 1, TappedAt = DateTimeOffset.UtcNow,
        }, "lz-charge")).Expect();

        // Zigong's desk names Luzhou's charge by its key, but only Luzhou's gateway can reach it.
        var fromZigong = await gateways.Client(City.ZG, Role.ServiceDesk).ReverseChargeAsync(card, "lz-charge", new CityCard.Http.ReverseChargeBody { Amount = 300, Reason = "x" }, NewKey("rev"));
        Assert.Equal(("ChargeNotFound", 404), (fromZigong.Problem?.Code, fromZigong.Problem?.Status));

        var fromLuzhou = await gateways.Client(City.LZ, Role.ServiceDesk).ReverseChargeAsync(card, "lz-charge", new CityCard.Http.ReverseChargeBody { Amount = 300, Reason = "x" }, NewKey("rev"));
        Assert.Equal(1_000L, fromLuzhou.Expect().Balance);
    }
}
