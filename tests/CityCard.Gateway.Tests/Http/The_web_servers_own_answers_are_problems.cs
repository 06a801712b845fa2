using System.Text;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Requests the web server (Kestrel) or routing answers before any endpoint runs, written on a raw socket because
/// HttpClient would refuse to send most of them: every answer a client can get is application/problem+json with a
/// named code, never an empty body, and nothing changes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class The_web_servers_own_answers_are_problems(GatewayFixture gateways)
{
    private static readonly string Operations = KeyOf(City.ZG, Role.Operations);
    private static readonly string Desk = KeyOf(City.ZG, Role.ServiceDesk);

    /// <summary>A request head: the request line, then Host, then the given header lines.</summary>
    private static string Head(string requestLine, params string[] headers) =>
        $"{requestLine}\r\nHost: 127.0.0.1\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    private static string Keyed(string requestLine, params string[] headers) =>
        Head(requestLine, [$"X-Api-Key: {Operations}", "Connection: close", .. headers]);

    private static readonly Dictionary<string, (Func<string, string> Request, int Status, string Code)> Cases = new()
    {
        // Kestrel's own answers: the app never sees these requests.
        ["a NUL byte in the path"] = (c => Keyed($"GET /v1/cards/{c}%00/history HTTP/1.1"), 400, "BadRequest"),
        ["a NUL byte alone as the path"] = (_ => Head("GET /%00 HTTP/1.1"), 400, "BadRequest"),
        ["a path of 10,000 characters"] = (_ => Head($"GET /v1/cards/{new string('Z', 10_000)} HTTP/1.1"), 414, "UriTooLong"),
        ["a query of 10,000 characters"] = (_ => Keyed($"GET /v1/hotlist?after={new string('Z', 10_000)} HTTP/1.1"), 414, "UriTooLong"),
        ["a request line that is not one"] = (_ => "GARBAGE\r\n\r\n", 400, "BadRequest"),
        ["a request line without a version"] = (_ => Head("GET /v1/hotlist"), 400, "BadRequest"),
        ["an HTTP version that does not exist"] = (_ => Head("GET /v1/hotlist HTTP/1.2"), 400, "BadRequest"),
        ["a method with characters no method has"] = (_ => Head("G(T /v1/hotlist HTTP/1.1"), 400, "BadRequest"),
        ["a raw byte that is not ASCII in the path"] = (_ => Head("GET /v1/cards/\u00ff HTTP/1.1"), 400, "BadRequest"),
        ["a space in the path"] = (_ => Head("GET /v1/cards/ZG 1 HTTP/1.1"), 400, "BadRequest"),
        ["a path that does not start with a slash"] = (_ => Head("GET v1/hotlist HTTP/1.1"), 400, "BadRequest"),
        ["headers of 40 KB"] = (_ => Head("GET /v1/hotlist HTTP/1.1", $"X-Padding: {new string('p', 40_000)}"), 431, "HeadersTooLarge"),
        ["101 headers"] = (_ => Head("GET /v1/hotlist HTTP/1.1", [.. Enumerable.Range(0, 101).Select(i => $"X-H{i}: {i}")]), 431, "HeadersTooLarge"),
        ["no Host"] = (_ => "GET /v1/hotlist HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "BadRequest"),
        ["two Hosts"] = (_ => Head("GET /v1/hotlist HTTP/1.1", "Host: 127.0.0.2"), 400, "BadRequest"),
        ["a Host with a space"] = (_ => "GET /v1/hotlist HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "BadRequest"),
        ["a Host with a path"] = (_ => "GET /v1/hotlist HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, "BadRequest"),
        ["an absolute target naming another host"] = (_ => Head("GET http://elsewhere.example/v1/hotlist HTTP/1.1"), 400, "BadRequest"),
        ["a header without a colon"] = (_ => Head("GET /v1/hotlist HTTP/1.1", "NoColonHere"), 400, "BadRequest"),
        ["a header name with a space"] = (_ => Head("GET /v1/hotlist HTTP/1.1", "Bad Header: x"), 400, "BadRequest"),
        ["a NUL byte in a header"] = (_ => Head("GET /v1/hotlist HTTP/1.1", "X-Note: a\u0000b"), 400, "BadRequest"),
        ["a bare CR in a header"] = (_ => Head("GET /v1/hotlist HTTP/1.1", "X-Note: a\rb"), 400, "BadRequest"),
        ["a header folded onto the next line"] = (_ => Head("GET /v1/hotlist HTTP/1.1", "X-Note: a", " b"), 400, "BadRequest"),
        ["a Content-Length that is not a number"] = (c => Head($"POST /v1/cards/{c}/top-ups HTTP/1.1", "Content-Length: ten"), 400, "BadRequest"),
        ["two Content-Lengths"] = (c => Head($"POST /v1/cards/{c}/top-ups HTTP/1.1", "Content-Length: 2", "Content-Length: 3"), 400, "BadRequest"),
        ["a transfer coding that is not chunked"] = (c => Head($"POST /v1/cards/{c}/top-ups HTTP/1.1", "Transfer-Encoding: gzip"), 400, "BadRequest"),
        ["a body of HTTP/1.0 without a length"] = (c => "POST /v1/cards/" + c + "/top-ups HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n{}", 400, "BadRequest"),

        // Answered by the app (routing, the status-code pages, the exception handler), for a caller with a key.
        ["a broken chunk in the body"] = (c => Head($"POST /v1/cards/{c}/top-ups HTTP/1.1", $"X-Api-Key: {Desk}", "Idempotency-Key: raw-chunk", "Content-Type: application/json", "Transfer-Encoding: chunked") + "zz\r\n{}\r\n0\r\n\r\n", 400, "BadRequest"),
        ["malformed percent-encoding in the card"] = (_ => Keyed("GET /v1/cards/%zz/history HTTP/1.1"), 400, "MalformedCardNumber"),
        ["percent-encoding that is not UTF-8"] = (_ => Keyed("GET /v1/cards/%C3%28/history HTTP/1.1"), 400, "MalformedCardNumber"),
        ["an encoded slash in the card"] = (c => Keyed($"GET /v1/cards/{c}%2Fhistory HTTP/1.1"), 400, "MalformedCardNumber"),
        ["a NUL byte in the query"] = (_ => Keyed("GET /v1/hotlist?after=%00 HTTP/1.1"), 400, "InvalidQuery"),
        ["an unknown path"] = (_ => Keyed("GET /v1/nothing-here HTTP/1.1"), 404, "NotFound"),
        ["the root"] = (_ => Keyed("GET / HTTP/1.1"), 404, "NotFound"),
        ["a method no route has"] = (_ => Keyed("BREW /v1/hotlist HTTP/1.1"), 405, "MethodNotAllowed"),
        ["DELETE on a card"] = (c => Keyed($"DELETE /v1/cards/{c} HTTP/1.1"), 405, "MethodNotAllowed"),
        ["PUT on the charges"] = (c => Keyed($"PUT /v1/cards/{c}/charges HTTP/1.1", "Content-Length: 0"), 405, "MethodNotAllowed"),
        ["TRACE on the hotlist"] = (_ => Keyed("TRACE /v1/hotlist HTTP/1.1"), 405, "MethodNotAllowed"),
        ["OPTIONS on the hotlist"] = (_ => Keyed("OPTIONS /v1/hotlist HTTP/1.1"), 405, "MethodNotAllowed"),
        ["OPTIONS on the server"] = (_ => Keyed("OPTIONS * HTTP/1.1"), 404, "NotFound"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_a_problem_with_a_named_code_and_changes_nothing(string name)
    {
        var card = await gateways.CardForRefusalsAsync(nameof(The_web_servers_own_answers_are_problems));
        var before = await RegionState.CaptureAsync(gateways, card);
        var (request, status, code) = Cases[name];

        var response = await RawHttp.SendAsync(gateways.Http(City.ZG).BaseAddress!, request(card));

        AssertProblem(response, status, code);
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    [Fact]
    public async Task A_server_answer_ends_the_connection_and_answers_only_that_request()
    {
        // A good request, then one with a NUL, on one connection: the first is answered by the app, the second by
        // Kestrel, and each answer stands alone.
        var request = Keyed("GET /v1/hotlist?limit=1 HTTP/1.1").Replace("Connection: close\r\n", string.Empty, StringComparison.Ordinal) + Head("GET /%00 HTTP/1.1");

        var raw = await ReadAllAsync(gateways.Http(City.ZG).BaseAddress!, request);

        var second = raw.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK", raw, StringComparison.Ordinal);
        Assert.True(second > 0, raw);
        Assert.Contains("Content-Type: application/problem+json", raw[second..], StringComparison.Ordinal);
        Assert.EndsWith("\"code\":\"BadRequest\"}", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http2_spoken_to_this_http1_server_is_told_in_http2_to_use_http1()
    {
        // A client of HTTP/2 without TLS could not read an HTTP/1.1 problem: it gets the one HTTP/2 frame that says
        // what is wrong, GOAWAY with HTTP_1_1_REQUIRED (0xd), and the connection closes.
        var raw = Encoding.Latin1.GetBytes(await ReadAllAsync(gateways.Http(City.ZG).BaseAddress!, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));

        Assert.Equal<byte>([0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0d], raw);
    }

    [Fact]
    public async Task Headers_that_never_finish_are_answered_408_in_time()
    {
        var gateway = gateways.Http(City.ZG).BaseAddress!;
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /v1/hotlist HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: "));

        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeout = new CancellationTokenSource(RequestHeadersTimeout * 4);
        var raw = await reader.ReadToEndAsync(timeout.Token);

        Assert.StartsWith("HTTP/1.1 408 ", raw, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", raw, StringComparison.Ordinal);
        Assert.EndsWith("\"code\":\"RequestTimeout\"}", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_trickles_in_too_slowly_is_answered_408_and_changes_nothing()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var before = await RegionState.CaptureAsync(gateways, card);
        var gateway = gateways.Http(City.ZG).BaseAddress!;
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var stream = client.GetStream();

        // Kestrel wants a body at 240 bytes a second after a grace of five; this one sends ten bytes and stops.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Head($"POST /v1/cards/{card}/top-ups HTTP/1.1", $"X-Api-Key: {Desk}", "Idempotency-Key: trickle",
            "Content-Type: application/json", "Content-Length: 400") + "{\"amount\":"));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var raw = await reader.ReadToEndAsync(timeout.Token);

        Assert.StartsWith("HTTP/1.1 408 ", raw, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"RequestTimeout\"", raw, StringComparison.Ordinal);
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    [Fact]
    public async Task A_head_request_the_app_refuses_is_answered_without_a_body()
    {
        var response = await RawHttp.SendAsync(gateways.Http(City.ZG).BaseAddress!, Keyed("HEAD /v1/hotlist HTTP/1.1"));

        Assert.Equal(405, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(string.Empty, response.Body);
    }

    private static void AssertProblem(RawResponse response, int status, string code)
    {
        Assert.True(response.Status == status, $"expected {status} {code}, got {response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType?.Split(';')[0]);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal($"/docs#{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        ProblemAssert.NoInternals(response.Body);
    }

    private static async Task<string> ReadAllAsync(Uri gateway, string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(gateway.Host, gateway.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
