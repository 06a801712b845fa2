using System.Net;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>Bad input to the dispute, replay, verification, reconciliation and pass apportionment endpoints: a named 4xx, and nothing changed.</summary>
[Collection(GatewayCollection.Name)]
public sealed class Bad_dispute_and_verification_input_is_a_named_4xx(GatewayFixture gateways)
{
    private static readonly string Desk = KeyOf(City.ZG, Role.ServiceDesk);
    private static readonly string Operations = KeyOf(City.ZG, Role.Operations);

    private static readonly Dictionary<string, (Func<string, HttpRequestMessage> Request, HttpStatusCode Status, string Code)> Cases = new()
    {
        ["dispute body with an unknown field"] = (c => Open(c, """{"chargeOperationId":"LZ:x","reason":"r","evidence":"e","refund":100}"""), HttpStatusCode.BadRequest, "UnknownField"),
        ["dispute without evidence"] = (c => Open(c, """{"chargeOperationId":"LZ:x","reason":"r"}"""), HttpStatusCode.BadRequest, "MissingField"),
        ["dispute key too long to name a case"] = (c => Open(c, """{"chargeOperationId":"LZ:x","reason":"r","evidence":"e"}""", new string('k', 46)), HttpStatusCode.BadRequest, "InvalidCaseId"),
        ["dispute reason too long"] = (c => Open(c, $$"""{"chargeOperationId":"LZ:x","reason":"{{new string('r', 201)}}","evidence":"e"}"""), HttpStatusCode.BadRequest, "InvalidText"),
        ["dispute naming a malformed charge"] = (c => Open(c, """{"chargeOperationId":"LZ x","reason":"r","evidence":"e"}"""), HttpStatusCode.BadRequest, "InvalidOperationId"),
        ["dispute against a charge the card never had"] = (c => Open(c, """{"chargeOperationId":"LZ:never","reason":"r","evidence":"e"}"""), HttpStatusCode.NotFound, "ChargeNotFound"),
        ["refund of zero"] = (_ => Step("uphold", """{"amount":0,"reason":"r"}"""), HttpStatusCode.UnprocessableEntity, "AmountNotPositive"),
        ["refund as a fraction"] = (_ => Step("uphold", """{"amount":2.5,"reason":"r"}"""), HttpStatusCode.BadRequest, "InvalidField"),
        ["review of a case never opened"] = (_ => Step("review", """{"note":"n"}"""), HttpStatusCode.NotFound, "CaseNotFound"),
        ["case id with a space"] = (_ => Requests.Json(HttpMethod.Post, "v1/disputes/ZG%20case/reject", Operations, NewKey("k"), """{"reason":"r"}"""), HttpStatusCode.BadRequest, "InvalidCaseId"),
        ["dispute list of status open in lower case"] = (_ => Get("v1/disputes?status=open"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["dispute list of status 1"] = (_ => Get("v1/disputes?status=1"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["history as of version 0"] = (c => Get($"v1/cards/{c}/history?asOfVersion=0"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["history as of version abc"] = (c => Get($"v1/cards/{c}/history?asOfVersion=abc"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["verification page of zero"] = (_ => Get("v1/streams/verification?limit=0"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["verification after a malformed card"] = (_ => Get("v1/streams/verification?after=ZG12"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["verification of a card never issued"] = (_ => Get($"v1/cards/{NewCard(City.ZG)}/verification"), HttpStatusCode.NotFound, "CardNotIssued"),
        ["reconciliation run nobody started"] = (_ => Requests.Json(HttpMethod.Get, "v1/reconciliations/RG:nothing", ClearingKey, null, null), HttpStatusCode.NotFound, "UnknownRun"),
        ["reconciliation with a body"] = (_ => Requests.Json(HttpMethod.Post, "v1/reconciliations", ClearingKey, NewKey("k"), """{"full":true}"""), HttpStatusCode.BadRequest, "UnknownField"),
        ["pass apportionment naming a day"] = (_ => Requests.Json(HttpMethod.Post, "v1/clearing/passes/apportion", ClearingKey, NewKey("k"), """{"day":"2026-12-01"}"""), HttpStatusCode.BadRequest, "UnknownField"),
        ["pass apportionment with an array"] = (_ => Requests.Json(HttpMethod.Post, "v1/clearing/passes/apportion", ClearingKey, NewKey("k"), "[]"), HttpStatusCode.BadRequest, "InvalidBody"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_is_refused_by_name(string name)
    {
        var card = await gateways.CardForRefusalsAsync(nameof(Bad_dispute_and_verification_input_is_a_named_4xx));
        var before = await RegionState.CaptureAsync(gateways, card);
        var (request, status, code) = Cases[name];

        using var response = await gateways.Http(City.ZG).SendAsync(request(card));

        await ProblemAssert.IsProblem(response, status, code);
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    private static HttpRequestMessage Open(string card, string body, string? key = null) =>
        Requests.Json(HttpMethod.Post, $"v1/cards/{card}/disputes", Desk, key ?? NewKey("k")[..20], body);

    private static HttpRequestMessage Step(string step, string body) =>
        Requests.Json(HttpMethod.Post, $"v1/disputes/ZG:nothing-{Guid.NewGuid():N}/{step}", Operations, NewKey("k"), body);

    private static HttpRequestMessage Get(string path) => Requests.Json(HttpMethod.Get, path, Operations, null, null);
}
