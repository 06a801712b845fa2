using System.Net;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Every kind of bad input a clearing caller can send, each a 4xx problem+json with its named code, never a 500, and
/// the clearing house's records (accepted commands, windows) exactly as they were.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Bad_clearing_input_is_a_named_4xx_and_changes_nothing(GatewayFixture gateways)
{
    private const string Windows = "v1/clearing/windows";
    private const string NeverSeen = "2001-01-01";

    private static readonly string Operations = KeyOf(City.ZG, Role.Operations);

    private static HttpRequestMessage Get(string path, string? key = null) => Requests.Json(HttpMethod.Get, path, key ?? ClearingKey, null, null);

    private static HttpRequestMessage Post(string path, string? body, string contentType = "application/json") =>
        Requests.Json(HttpMethod.Post, path, ClearingKey, NewKey("bad"), body, contentType);

    private static HttpRequestMessage Confirm(string body, string window = NeverSeen) => Post($"{Windows}/{window}/confirm", body);

    private static HttpRequestMessage Abort(string body, string window = NeverSeen) => Post($"{Windows}/{window}/abort", body);

    public static TheoryData<string, string, HttpStatusCode, string> MalformedWindows()
    {
        var data = new TheoryData<string, string, HttpStatusCode, string>();
        foreach (var window in new[] { "2026-13-01", "2026-02-30", "0026-11-26", "26-11-2026", "2026-11-26T00:00:00Z", "yesterday", "2026-11-26.csv", "9999999999" })
        {
            foreach (var (method, suffix) in new[] { ("GET", ""), ("POST", "/close"), ("POST", "/confirm"), ("POST", "/abort"), ("GET", "/settlement"), ("GET", "/statement") })
            {
                data.Add(method, $"{Windows}/{window}{suffix}", HttpStatusCode.BadRequest, "MalformedWindow");
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (Func<HttpRequestMessage> Request, HttpStatusCode Status, string Code)> Cases = new()
    {
        ["an unknown window"] = (() => Get($"{Windows}/{NeverSeen}", Operations), HttpStatusCode.NotFound, "UnknownWindow"),
        ["the settlement of an unknown window"] = (() => Get($"{Windows}/{NeverSeen}/settlement"), HttpStatusCode.NotFound, "UnknownWindow"),
        ["the statement of an unknown window"] = (() => Get($"{Windows}/{NeverSeen}/statement", Operations), HttpStatusCode.NotFound, "UnknownWindow"),
        ["confirming an unknown window"] = (() => Confirm("""{"bankReference":"PBOC-1"}"""), HttpStatusCode.NotFound, "UnknownWindow"),
        ["aborting an unknown window"] = (() => Abort("""{"reason":"no bank"}"""), HttpStatusCode.NotFound, "UnknownWindow"),
        ["closing a day that has not begun"] = (() => Post($"{Windows}/2099-12-31/close", null), HttpStatusCode.UnprocessableEntity, "WindowInFuture"),
        ["a report in an unknown format"] = (() => Get($"{Windows}/{NeverSeen}/settlement?format=xml"), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["a report format in capitals"] = (() => Get($"{Windows}/{NeverSeen}/statement?format=CSV", Operations), HttpStatusCode.BadRequest, "InvalidQuery"),
        ["a trial balance as of a word"] = (() => Get("v1/ledger/trial-balance?asOf=yesterday", Operations), HttpStatusCode.BadRequest, "InvalidTime"),
        ["a trial balance as of a date without a time"] = (() => Get("v1/ledger/trial-balance?asOf=2026-11-26", Operations), HttpStatusCode.BadRequest, "InvalidTime"),
        ["a trial balance as of a local time"] = (() => Get("v1/ledger/trial-balance?asOf=2026-11-26T08:00:00", Operations), HttpStatusCode.BadRequest, "InvalidTime"),
        ["a confirmation without a body"] = (() => Confirm(string.Empty), HttpStatusCode.BadRequest, "InvalidBody"),
        ["a confirmation of malformed JSON"] = (() => Confirm("""{"bankReference":"""), HttpStatusCode.BadRequest, "MalformedJson"),
        ["a confirmation as an array"] = (() => Confirm("""["PBOC-1"]"""), HttpStatusCode.BadRequest, "InvalidBody"),
        ["a confirmation without its reference"] = (() => Confirm("{}"), HttpStatusCode.BadRequest, "MissingField"),
        ["a confirmation with an unknown field"] = (() => Confirm("""{"bankReference":"PBOC-1","amount":100}"""), HttpStatusCode.BadRequest, "UnknownField"),
        ["a confirmation with its field in another case"] = (() => Confirm("""{"BankReference":"PBOC-1"}"""), HttpStatusCode.BadRequest, "UnknownField"),
        ["a reference as a number"] = (() => Confirm("""{"bankReference":20261126}"""), HttpStatusCode.BadRequest, "InvalidField"),
        ["a null reference"] = (() => Confirm("""{"bankReference":null}"""), HttpStatusCode.BadRequest, "InvalidBankReference"),
        ["a reference with a space"] = (() => Confirm("""{"bankReference":"PBOC 1"}"""), HttpStatusCode.BadRequest, "InvalidBankReference"),
        ["a reference too long"] = (() => Confirm($$"""{"bankReference":"{{new string('R', 65)}}"}"""), HttpStatusCode.BadRequest, "InvalidBankReference"),
        ["a huge reference"] = (() => Confirm($$"""{"bankReference":"{{new string('R', 15_000)}}"}"""), HttpStatusCode.BadRequest, "InvalidBankReference"),
        ["a confirmation too large"] = (() => Confirm($$"""{"bankReference":"PBOC-1","pad":"{{new string('x', 20_000)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge"),
        ["a body larger than the gateway takes"] = (() => Confirm(new string(' ', 3 * 1024 * 1024) + "{}").ExpectingContinue(), HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge"),
        ["a confirmation as text"] = (() => Post($"{Windows}/{NeverSeen}/confirm", "PBOC-1", "text/plain"), HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType"),
        ["an empty reason"] = (() => Abort("""{"reason":""}"""), HttpStatusCode.BadRequest, "InvalidReason"),
        ["a reason too long"] = (() => Abort($$"""{"reason":"{{new string('r', 201)}}"}"""), HttpStatusCode.BadRequest, "InvalidReason"),
        ["control characters in a reason"] = (() => Abort("{\"reason\":\"a\\u0000b\"}"), HttpStatusCode.BadRequest, "InvalidReason"),
        ["a close with a field"] = (() => Post($"{Windows}/2099-12-31/close", """{"force":true}"""), HttpStatusCode.BadRequest, "UnknownField"),
        ["a close with an array"] = (() => Post($"{Windows}/2099-12-31/close", "[]"), HttpStatusCode.BadRequest, "InvalidBody"),
        ["a close without an Idempotency-Key"] = (() => Requests.Json(HttpMethod.Post, $"{Windows}/2099-12-31/close", ClearingKey, null, null), HttpStatusCode.BadRequest, "MissingIdempotencyKey"),
        ["a close with a malformed Idempotency-Key"] = (() => Requests.Json(HttpMethod.Post, $"{Windows}/2099-12-31/close", ClearingKey, "two words", null), HttpStatusCode.BadRequest, "InvalidIdempotencyKey"),
        ["a close with an Idempotency-Key too long"] = (() => Requests.Json(HttpMethod.Post, $"{Windows}/2099-12-31/close", ClearingKey, new string('k', 62), null), HttpStatusCode.BadRequest, "InvalidIdempotencyKey"),
        ["a close by GET"] = (() => Get($"{Windows}/2099-12-31/close"), HttpStatusCode.MethodNotAllowed, "MethodNotAllowed"),
        ["a status by POST"] = (() => Post("v1/clearing/status", null), HttpStatusCode.MethodNotAllowed, "MethodNotAllowed"),
        ["a window command that does not exist"] = (() => Post($"{Windows}/{NeverSeen}/reopen", null), HttpStatusCode.NotFound, "NotFound"),
        ["releasing a card that is not held"] = (() => Post($"v1/clearing/held-cards/{NeverHeld}/release", null), HttpStatusCode.NotFound, "CardNotHeld"),
        ["releasing a malformed card number"] = (() => Post("v1/clearing/held-cards/ZG0000000001/release", null), HttpStatusCode.BadRequest, "MalformedCardNumber"),
        ["a release with a field"] = (() => Post($"v1/clearing/held-cards/{NeverHeld}/release", """{"force":true}"""), HttpStatusCode.BadRequest, "UnknownField"),
    };

    private static readonly string NeverHeld = NewCard(City.YB);

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Is_refused_by_name(string name)
    {
        var (request, status, code) = Cases[name];
        await RefusedAsync(request(), status, code);
    }

    [Theory]
    [MemberData(nameof(MalformedWindows))]
    public async Task A_malformed_window_is_refused_wherever_a_window_is_named(string method, string path, HttpStatusCode status, string code)
    {
        var body = path.EndsWith("/confirm", StringComparison.Ordinal) ? """{"bankReference":"PBOC-1"}""" : path.EndsWith("/abort", StringComparison.Ordinal) ? """{"reason":"x"}""" : null;
        var request = method == "GET" ? Get(path) : Post(path, body);
        await RefusedAsync(request, status, code);
    }

    [Fact]
    public async Task Confirming_or_aborting_a_window_still_closing_or_open_is_a_conflict()
    {
        // The current window is open (or about to be): it cannot be settled before it has closed.
        var current = (await gateways.Client(City.ZG, Role.Clearing).GetWindowsAsync()).Expect().CurrentWindow;
        (await gateways.Client(City.ZG, Role.Terminal).ChargeAsync(await gateways.NewActiveCardAsync(City.LZ, 1_000), new CityCard.Http.ChargeBody
        {
            Amount = 100, MerchantId = "ZG-SHOP", Category = Category.Retail, TerminalId = "ZG-T-9", TerminalSequence = 1, TappedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, NewKey("buy"))).Expect();
        await gateways.WaitUntilAsync(current, WindowStatus.Open);

        await RefusedAsync(Confirm("""{"bankReference":"PBOC-EARLY"}""", $"{current:yyyy-MM-dd}"), HttpStatusCode.Conflict, "WindowNotClosed");
        await RefusedAsync(Abort("""{"reason":"too early"}""", $"{current:yyyy-MM-dd}"), HttpStatusCode.Conflict, "WindowNotClosed");
        await RefusedAsync(Get($"{Windows}/{current:yyyy-MM-dd}/settlement"), HttpStatusCode.Conflict, "WindowNotClosed");
        await RefusedAsync(Get($"{Windows}/{current:yyyy-MM-dd}/statement", Operations), HttpStatusCode.Conflict, "WindowNotClosed");
    }

    private async Task RefusedAsync(HttpRequestMessage request, HttpStatusCode status, string code)
    {
        await gateways.WaitUntilNoWindowIsClosingAsync();
        var before = await RegionState.CaptureAsync(gateways);
        using (request)
        {
            using var response = await gateways.Http(City.ZG).SendAsync(request);
            await ProblemAssert.IsProblem(response, status, code);
        }

        Assert.Equal(before, await RegionState.CaptureAsync(gateways));
    }
}
