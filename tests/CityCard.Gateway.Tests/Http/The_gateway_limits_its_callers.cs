using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// A gateway of its own beside the fixture's, on the same silo, with small limits: a key's burst beyond its rate is
/// 429 with Retry-After and nothing charged twice; a key's daily top-up ceiling; the security headers; the OpenAPI
/// servers entry from settings whatever the Host; an unknown Host refused; an unknown key id never in the log.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class The_gateway_limits_its_callers(GatewayFixture gateways) : IAsyncLifetime
{
    private const string PublicUrl = "https://zg.gateway.example";
    private readonly CapturedLog log = new();
    private WebApplication gateway = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        (gateway, var url) = await TestGatewayHost.StartAsync(City.ZG, gateways.SiloGatewayPort, new Dictionary<string, string?>
        {
            ["Gateway:Limits:PermitsPerSecond"] = "2",
            ["Gateway:Limits:Burst"] = "5",
            ["Gateway:Limits:DailyTopUpCeiling:service-desk"] = "10000",
            ["Gateway:PublicUrl"] = PublicUrl,
            ["AllowedHosts"] = "127.0.0.1;localhost",
        }, builder => builder.Logging.AddProvider(log));
        http = new HttpClient { BaseAddress = url };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_beyond_the_keys_rate_is_429_with_retry_after_and_charges_each_tap_once()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 10_000);
        var before = await gateways.StreamVersionAsync(card);
        var keys = Enumerable.Range(1, 12).Select(i => NewKey($"burst-{i}")).ToList();
        var tappedAt = Requests.Now();
        var answers = await Task.WhenAll(keys.Select(k => http.SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", KeyOf(City.ZG, Role.Terminal), k, Requests.ChargeJson(100, tappedAt)))));

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        foreach (var answer in limited)
        {
            await ProblemAssert.IsProblem(answer, HttpStatusCode.TooManyRequests, "RateLimited");
            Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
        }

        var accepted = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(keys.Count, accepted + limited.Count);
        Assert.Equal(before + accepted, await gateways.StreamVersionAsync(card));

        // Every tap retried with its own key until accepted (slowly, within the rate): each charged exactly once.
        foreach (var key in keys)
        {
            HttpResponseMessage retry;
            while ((retry = await http.SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", KeyOf(City.ZG, Role.Terminal), key, Requests.ChargeJson(100, tappedAt)))).StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(retry.Headers.RetryAfter!.Delta!.Value);
            }

            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        Assert.Equal(before + keys.Count, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_keys_top_ups_stop_at_its_daily_ceiling()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 0);
        var first = NewKey("ceiling");
        Assert.Equal(HttpStatusCode.OK, (await TopUp(card, 6_000, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TopUp(card, 6_000, first)).StatusCode);
        var version = await gateways.StreamVersionAsync(card);

        var over = await TopUp(card, 6_000, NewKey("ceiling"));
        await ProblemAssert.IsProblem(over, HttpStatusCode.TooManyRequests, "DailyTopUpCeilingReached");
        Assert.True(over.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(version, await gateways.StreamVersionAsync(card));
        Assert.Equal(HttpStatusCode.OK, (await TopUp(card, 4_000, NewKey("ceiling"))).StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var card = await gateways.CardForRefusalsAsync(nameof(The_gateway_limits_its_callers));
        var view = await http.SendAsync(Requests.Json(HttpMethod.Get, $"v1/cards/{card}", KeyOf(City.ZG, Role.Operations), null, null));
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("nosniff", string.Join(",", view.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(view.Headers.CacheControl?.NoStore, "card data without Cache-Control: no-store");

        var refused = await http.GetAsync("v1/cards/nothing");
        Assert.Equal("nosniff", string.Join(",", refused.Headers.GetValues("X-Content-Type-Options")));

        var page = await http.GetAsync("docs");
        Assert.Contains("frame-ancestors 'none'", string.Join(",", page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_documents_server_comes_from_settings_and_an_unknown_host_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json");
        request.Headers.Host = "localhost";
        var document = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.Equal(PublicUrl, json.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json");
        spoofed.Headers.Host = "attacker.example";
        await ProblemAssert.IsProblem(await http.SendAsync(spoofed), HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task An_unknown_key_id_never_reaches_the_log()
    {
        // A caller who swapped id and secret: the "id" is the secret's first half.
        const string secretHalf = "test-secret-ZG-terminal";
        var swapped = await http.SendAsync(Requests.Json(HttpMethod.Get, "v1/hotlist", $"{secretHalf}.zg-terminal-0123456789", null, null));
        await ProblemAssert.IsProblem(swapped, HttpStatusCode.Unauthorized, "InvalidApiKey");
        var wrongSecret = await http.SendAsync(Requests.Json(HttpMethod.Get, "v1/hotlist", "zg-operations.not-the-secret-0123456789", null, null));
        await ProblemAssert.IsProblem(wrongSecret, HttpStatusCode.Unauthorized, "InvalidApiKey");

        var lines = log.Lines;
        Assert.DoesNotContain(lines, l => l.Contains(secretHalf, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("not a known key id", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("zg-operations", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> TopUp(string card, long fen, string key) =>
        http.SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/top-ups", KeyOf(City.ZG, Role.ServiceDesk), key, $$"""{"amount":{{fen}}}"""));
}
