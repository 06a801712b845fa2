using System.Net;
using System.Text;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Every kind of bad input a client can send, each answered by a 4xx problem+json with its named code, never a 500,
/// and the region exactly as it was: the card, the event store's head, the hotlist, the clearing house, every ledger.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Bad_input_is_a_named_4xx_and_changes_nothing(GatewayFixture gateways)
{
    private const string CsvHeader = "card,amount,merchantId,category,terminalId,terminalSequence,tappedAt";

    private static readonly string Terminal = KeyOf(City.ZG, Role.Terminal);
    private static readonly string Desk = KeyOf(City.ZG, Role.ServiceDesk);
    private static readonly string Operations = KeyOf(City.ZG, Role.Operations);

    private static readonly Dictionary<string, (Func<string, HttpRequestMessage> Request, HttpStatusCode Status, string Code)> Cases = new()
    {
        ["malformed JSON"] = (c => Charge(c, """{"amount":200,"merchantId":"""), HttpStatusCode.BadRequest, "MalformedJson"),
        ["amount as a string"] = (c => Charge(c, Requests.ChargeJson(200).Replace("200", "\"200\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["fractional amount"] = (c => Charge(c, Requests.ChargeJson(200).Replace("200", "2.5", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["amount in exponent form"] = (c => Charge(c, Requests.ChargeJson(200).Replace("200", "2e2", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["overflowing amount"] = (c => Charge(c, Requests.ChargeJson(200).Replace("200", "9223372036854775808", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["negative amount"] = (c => Charge(c, Requests.ChargeJson(-200)), HttpStatusCode.UnprocessableEntity, "AmountNotPositive"),
        ["zero amount"] = (c => Charge(c, Requests.ChargeJson(0)), HttpStatusCode.UnprocessableEntity, "AmountNotPositive"),
        ["amount above the limit"] = (c => Charge(c, Requests.ChargeJson(100_001)), HttpStatusCode.UnprocessableEntity, "AmountAboveLimit"),
        ["negative top-up"] = (c => TopUp(c, """{"amount":-1}"""), HttpStatusCode.UnprocessableEntity, "AmountNotPositive"),
        ["top-up beyond the ceiling"] = (c => TopUp(c, """{"amount":100000}"""), HttpStatusCode.Conflict, "BalanceCeilingExceeded"),
        ["category as a number"] = (c => Charge(c, Requests.ChargeJson(200).Replace("\"Retail\"", "1", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["category as a list"] = (c => Charge(c, Requests.ChargeJson(200).Replace("\"Retail\"", "\"Retail, Hotel\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["category in another case"] = (c => Charge(c, Requests.ChargeJson(200).Replace("\"Retail\"", "\"retail\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["unknown field"] = (c => Charge(c, Requests.ChargeJson(200).Replace("{", """{"tip":5,""", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "UnknownField"),
        ["field in another case"] = (c => Charge(c, Requests.ChargeJson(200).Replace("\"amount\"", "\"Amount\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "UnknownField"),
        ["missing field"] = (c => TopUp(c, """{}"""), HttpStatusCode.BadRequest, "MissingField"),
        ["null for a required field"] = (c => TopUp(c, """{"amount":null}"""), HttpStatusCode.BadRequest, "InvalidField"),
        ["field given twice"] = (c => TopUp(c, """{"amount":1,"amount":90000}"""), HttpStatusCode.BadRequest, "MalformedJson"),
        ["array instead of object"] = (c => TopUp(c, "[1,2]"), HttpStatusCode.BadRequest, "InvalidBody"),
        ["empty body"] = (c => TopUp(c, string.Empty), HttpStatusCode.BadRequest, "InvalidBody"),
        ["body too large for a card operation"] = (c => TopUp(c, $$"""{"amount":1,"pad":"{{new string('x', 20_000)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge"),
        ["body larger than the gateway takes"] = (c => TopUp(c, new string(' ', 3 * 1024 * 1024) + "{}").ExpectingContinue(), HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge"),
        ["text instead of JSON"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/top-ups", Desk, NewKey("k"), "amount=1", "text/plain"), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType"),
        ["merchant id too long"] = (c => Charge(c, Requests.ChargeJson(200).Replace("ZG-SHOP", new string('M', 33), StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidMerchantId"),
        ["huge string field"] = (c => Charge(c, Requests.ChargeJson(200).Replace("ZG-SHOP", new string('M', 15_000), StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidMerchantId"),
        ["control characters in a reason"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/charges/any/reversals", Desk, NewKey("k"), "{\"amount\":1,\"reason\":\"a\\u0000b\"}"), HttpStatusCode.BadRequest, "InvalidReason"),
        ["ride with an amount"] = (c => Charge(c, Requests.RideJson(extra: ",\"amount\":200")), HttpStatusCode.BadRequest, "FareAmountNotExpected"),
        ["ride without its ride"] = (c => Charge(c, Requests.RideJson().Replace(",\"ride\":{\"route\":\"ZG-1\"}", string.Empty, StringComparison.Ordinal)), HttpStatusCode.BadRequest, "RideMissing"),
        ["ride on an unknown route"] = (c => Charge(c, Requests.RideJson("ZG-999")), HttpStatusCode.UnprocessableEntity, "UnknownRoute"),
        ["purchase naming a ride"] = (c => Charge(c, Requests.ChargeJson(200).Replace("}", ",\"ride\":{\"route\":\"ZG-1\"}}", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "RideNotExpected"),
        ["unknown field in a ride"] = (c => Charge(c, Requests.RideJson().Replace("\"route\"", "\"line\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidField"),
        ["tap time in the future"] = (c => Charge(c, Requests.ChargeJson(200, Requests.Now(60))), HttpStatusCode.UnprocessableEntity, "TapTimeInFuture"),
        ["tap time too old"] = (c => Charge(c, Requests.ChargeJson(200, "2020-01-01T00:00:00Z")), HttpStatusCode.UnprocessableEntity, "TapTooOld"),
        ["tap time not a time"] = (c => Charge(c, Requests.ChargeJson(200, "yesterday")), HttpStatusCode.BadRequest, "InvalidTime"),
        ["tap time without an offset"] = (c => Charge(c, Requests.ChargeJson(200, "2026-12-03T06:52:35")), HttpStatusCode.BadRequest, "InvalidTime"),
        ["tap time a bare date"] = (c => Charge(c, Requests.ChargeJson(200, "2026-12-03")), HttpStatusCode.BadRequest, "InvalidTime"),
        ["tap time as a number"] = (c => Charge(c, Requests.ChargeJson(200, "TIME").Replace("\"TIME\"", "20261203", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidTime"),
        ["tap time null"] = (c => Charge(c, Requests.ChargeJson(200, "TIME").Replace("\"TIME\"", "null", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidTime"),
        ["bike return without an offset"] = (c => Charge(c, Requests.BikeJson(endedAt: "2026-12-03T07:10:00")), HttpStatusCode.BadRequest, "InvalidTime"),
        ["malformed card number"] = (_ => Charge("ZG12345", Requests.ChargeJson(200)), HttpStatusCode.BadRequest, "MalformedCardNumber"),
        ["card number with a wrong check digit"] = (c => Charge(c[..^1] + (char)('0' + ((c[^1] - '0' + 1) % 10)), Requests.ChargeJson(200)), HttpStatusCode.BadRequest, "MalformedCardNumber"),
        ["card number of no city"] = (c => Charge("XX" + c[2..], Requests.ChargeJson(200)), HttpStatusCode.BadRequest, "MalformedCardNumber"),
        ["malformed new card"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/replace", Desk, NewKey("k"), """{"newCard":"ZG000"}"""), HttpStatusCode.BadRequest, "MalformedCardNumber"),
        ["unknown product code"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/issue", Desk, NewKey("k"), """{"product":"Platinum!","deposit":0}"""), HttpStatusCode.UnprocessableEntity, "UnknownProduct"),
        ["missing Idempotency-Key"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/charges", Terminal, null, Requests.ChargeJson(200)), HttpStatusCode.BadRequest, "MissingIdempotencyKey"),
        ["Idempotency-Key too long"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/charges", Terminal, new string('k', 62), Requests.ChargeJson(200)), HttpStatusCode.BadRequest, "InvalidIdempotencyKey"),
        ["Idempotency-Key with a space"] = (c => Requests.Json(HttpMethod.Post, $"v1/cards/{c}/charges", Terminal, "two words", Requests.ChargeJson(200)), HttpStatusCode.BadRequest, "InvalidIdempotencyKey"),
        ["history as of no time"] = (c => Requests.Json(HttpMethod.Get, $"v1/cards/{c}/history?asOf=soon", Operations, null, null), HttpStatusCode.BadRequest, "InvalidTime"),
        ["history as of a time without offset"] = (c => Requests.Json(HttpMethod.Get, $"v1/cards/{c}/history?asOf=2026-11-26T08:00:00", Operations, null, null), HttpStatusCode.BadRequest, "InvalidTime"),
        ["card as of a bare date"] = (c => Requests.Json(HttpMethod.Get, $"v1/cards/{c}?asOf=2026-11-26", Operations, null, null), HttpStatusCode.BadRequest, "InvalidTime"),
        ["card as of an empty time"] = (c => Requests.Json(HttpMethod.Get, $"v1/cards/{c}?asOf=", Operations, null, null), HttpStatusCode.BadRequest, "InvalidTime"),
        ["history limit zero"] = (c => Requests.Json(HttpMethod.Get, $"v1/cards/{c}/history?limit=0", Operations, null, null), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["hotlist since negative"] = (_ => Requests.Json(HttpMethod.Get, "v1/hotlist/changes?since=-1", Terminal, null, null), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["hotlist limit too large"] = (_ => Requests.Json(HttpMethod.Get, "v1/hotlist?limit=100000", Terminal, null, null), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["batch of too many records"] = (c => Batch(Csv(c, 1_001)), HttpStatusCode.RequestEntityTooLarge, "BatchTooLarge"),
        ["batch of too many bytes"] = (c => Batch(Csv(c, 1) + new string('\n', 1024 * 1024)), HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge"),
        ["batch with no records"] = (_ => Batch(CsvHeader + "\n"), HttpStatusCode.BadRequest, "EmptyBatch"),
        ["batch with an unknown column"] = (c => Batch(Csv(c, 2).Replace("tappedAt", "tappedAt,tip", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "UnknownField"),
        ["batch without a column"] = (c => Batch("card,amount\n" + c + ",100\n"), HttpStatusCode.BadRequest, "MissingField"),
        ["batch as JSON"] = (c => Batch(Csv(c, 1), "application/json"), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType"),
        ["batch not UTF-8"] = (_ => BatchBytes([0xC3, 0x28, 0x0A]), HttpStatusCode.BadRequest, "InvalidBody"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_is_refused_by_name(string name)
    {
        var card = await gateways.CardForRefusalsAsync(nameof(Bad_input_is_a_named_4xx_and_changes_nothing));
        var before = await RegionState.CaptureAsync(gateways, card);
        var (request, status, code) = Cases[name];

        using var response = await gateways.Http(City.ZG).SendAsync(request(card));

        await ProblemAssert.IsProblem(response, status, code);
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    private static HttpRequestMessage Charge(string card, string body) =>
        Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", Terminal, NewKey("k"), body);

    private static HttpRequestMessage TopUp(string card, string body) =>
        Requests.Json(HttpMethod.Post, $"v1/cards/{card}/top-ups", Desk, NewKey("k"), body);

    private static HttpRequestMessage Batch(string body, string contentType = "text/csv") =>
        Requests.Json(HttpMethod.Post, "v1/tap-batches", Terminal, null, body, contentType);

    private static HttpRequestMessage BatchBytes(byte[] body)
    {
        var request = Requests.Json(HttpMethod.Post, "v1/tap-batches", Terminal, null, null);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new("text/csv");
        return request;
    }

    private static string Csv(string card, int records)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        for (var i = 1; i <= records; i++)
        {
            csv.Append(card).Append(",100,ZG-SHOP,Retail,ZG-BATCH-T,").Append(i).Append(',').Append(Requests.Now()).Append('\n');
        }

        return csv.ToString();
    }
}
