using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo.Operators;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CityCard.Integration.Tests.Operators;

/// <summary>
/// The silo's operator pages (the Orleans dashboard, the clearing view) on a real silo that knows the region's keys:
/// nothing without a key, not even from this machine; a known key of a role that may not operate is refused; an
/// operations or clearing key opens them, by header or through the login form's session; a forged, foreign or
/// expired session opens nothing. The dashboard's live log stream is off unless asked for.
/// </summary>
public sealed class The_operator_pages_take_an_operations_or_clearing_key : IAsyncLifetime
{
    private const string Clearing = "region-clearing.clearing-secret-0123456789";
    private const string Operations = "lz-operations.operations-secret-0123456789";
    private const string Terminal = "lz-terminal.terminal-secret-0123456789";

    private WebApplication silo = null!;
    private Uri url = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("operators");
        silo = await LocalPorts.StartWithRetryAsync(() =>
        {
            var port = LocalPorts.Free();
            url = new Uri($"http://127.0.0.1:{port}/");
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:CityCard"] = database,
                ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
                ["Cluster:GatewayPort"] = TestSiloHost.Port(LocalPorts.Free()),
            };
            Key(settings, 0, Clearing, null, "clearing");
            Key(settings, 1, Operations, "LZ", "operations");
            Key(settings, 2, Terminal, "LZ", "terminal");
            return TestSiloHost.StartAsync(port, settings);
        });
    }

    public async Task DisposeAsync()
    {
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/clearing")]
    [InlineData("/clearing/data")]
    public async Task Without_a_key_the_page_is_refused_even_on_loopback(string page)
    {
        using var http = Client();

        using var response = await http.GetAsync(new Uri(page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingApiKey", problem.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("orleans", (await response.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Terminal, HttpStatusCode.Forbidden)]
    [InlineData("lz-terminal.not-the-secret-0123456789", HttpStatusCode.Unauthorized)]
    [InlineData("nobody.whatever-secret-0123456789", HttpStatusCode.Unauthorized)]
    [InlineData(Operations, HttpStatusCode.OK)]
    [InlineData(Clearing, HttpStatusCode.OK)]
    public async Task The_dashboard_takes_an_operations_or_clearing_key_only(string key, HttpStatusCode expected)
    {
        using var http = Client();
        http.DefaultRequestHeaders.Add(OperatorAuthentication.KeyHeader, key);

        using var response = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_is_sent_to_the_login_form_and_its_session_opens_the_pages_but_never_holds_the_key()
    {
        using var http = Client(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var browse = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        browse.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var redirected = await http.SendAsync(browse);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/operator/login?returnUrl=%2Fdashboard%2F", redirected.Headers.Location?.OriginalString, StringComparison.Ordinal);

        using var wrong = await LogInAsync(http, Terminal);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var loggedIn = await LogInAsync(http, Operations);
        Assert.Equal(HttpStatusCode.SeeOther, loggedIn.StatusCode);
        Assert.Equal("/dashboard/", loggedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(loggedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain("operations-secret", cookie, StringComparison.Ordinal);
        var session = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];

        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(http, "/dashboard/", session)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(http, "/clearing/data", session)).StatusCode);

        // The same session with its expiry pushed out, or naming another key, is a forgery.
        var parts = session[(session.IndexOf('=', StringComparison.Ordinal) + 1)..].Split('.');
        var later = $"{OperatorSession.Cookie}={parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[2]}";
        var otherKey = $"{OperatorSession.Cookie}=region-clearing.{parts[1]}.{parts[2]}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(http, "/clearing/data", later)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(http, "/clearing/data", otherKey)).StatusCode);
    }

    [Fact]
    public async Task The_login_form_sends_nobody_to_another_site()
    {
        using var http = Client(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example" })
        {
            using var response = await LogInAsync(http, Clearing, elsewhere);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/clearing", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public void A_session_holds_on_every_silo_with_the_session_key_until_its_expiry_or_its_key_changes()
    {
        var settings = OperatorSettings.From(Config(new Dictionary<string, string?>
        {
            ["Operators:Keys:0:Id"] = "zg-operations",
            ["Operators:Keys:0:City"] = "ZG",
            ["Operators:Keys:0:Role"] = "operations",
            ["Operators:Keys:0:Secret"] = "operations-secret-0123456789",
            ["Operators:SessionKey"] = Convert.ToBase64String(new byte[32]),
            ["Operators:SessionLifetime"] = "00:10:00",
        }));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ring = new OperatorKeyRing(settings);
        var token = new OperatorSession(settings, ring, clock).Issue(ring.Find("zg-operations")!);

        var anotherSilo = new OperatorSession(settings, new OperatorKeyRing(settings), clock);
        Assert.Equal("zg-operations", anotherSilo.Validate(token)?.Id);

        var rotated = settings with { Keys = [settings.Keys[0] with { SecretHash = OperatorKey.Hash("a-new-secret-0123456789") }] };
        Assert.Null(new OperatorSession(rotated, new OperatorKeyRing(rotated), clock).Validate(token));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(anotherSilo.Validate(token));
    }

    [Fact]
    public async Task The_dashboards_live_log_stream_is_off_unless_asked_for()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Add(OperatorAuthentication.KeyHeader, Clearing);

        using var stream = await http.GetAsync(new Uri("/dashboard/Trace", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, stream.StatusCode);
        Assert.Contains("disabled", await stream.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var on = CityCard.Silo.SiloSettings.From(Config(new Dictionary<string, string?> { ["ConnectionStrings:CityCard"] = "Host=db", ["Dashboard:LiveLog"] = "true" }));
        Assert.True(on.DashboardLiveLog);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private HttpClient Client(HttpMessageHandler? handler = null) => new(handler ?? new HttpClientHandler()) { BaseAddress = url };

    private static Task<HttpResponseMessage> LogInAsync(HttpClient http, string key, string returnUrl = "/dashboard/") =>
        http.PostAsync(new Uri("/operator/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["returnUrl"] = returnUrl }));

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient http, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }

    private static void Key(Dictionary<string, string?> settings, int i, string key, string? city, string role)
    {
        settings[$"Operators:Keys:{i}:Id"] = key[..key.IndexOf('.', StringComparison.Ordinal)];
        settings[$"Operators:Keys:{i}:City"] = city;
        settings[$"Operators:Keys:{i}:Role"] = role;
        settings[$"Operators:Keys:{i}:Secret"] = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
    }
}
