using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CityCard.Gateway.Tests.Operations;

/// <summary>
/// A real PostgreSQL stopped while taps arrive: every tap is answered, either charged (200) or 503 problem+json
/// StoreUnavailable with Retry-After, never a 500; once the server is back, each refused tap retried with its own
/// Idempotency-Key is charged exactly once.
/// </summary>
public sealed class A_store_outage_is_a_503_and_a_retry_charges_once : IAsyncLifetime
{
    private const int Cards = 6;
    private const long Price = 100;
    private const long TopUp = 50_000;

    private PrivatePostgres postgres = null!;
    private WebApplication silo = null!;
    private WebApplication gateway = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        postgres = await PrivatePostgres.StartAsync("outage");
        var siloGateway = 0;
        silo = await LocalPorts.StartWithRetryAsync(() => TestSiloHost.StartAsync(LocalPorts.Free(), new Dictionary<string, string?>
        {
            ["ConnectionStrings:CityCard"] = postgres.ConnectionString,
            ["Cluster:SiloPort"] = TestSiloHost.Port(LocalPorts.Free()),
            ["Cluster:GatewayPort"] = TestSiloHost.Port(siloGateway = LocalPorts.Free()),
        }));
        (gateway, var url) = await TestGatewayHost.StartAsync(City.ZG, siloGateway);
        http = new HttpClient { BaseAddress = url };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
        await silo.StopAsync();
        await silo.DisposeAsync();
        await postgres.DisposeAsync();
    }

    [Fact]
    public async Task Taps_during_the_outage_are_503_with_retry_after_and_their_retries_charge_once()
    {
        var desk = new GatewayClient(http, GatewayFixture.KeyOf(City.ZG, Role.ServiceDesk));
        var cards = new List<string>();
        for (var i = 0; i < Cards; i++)
        {
            var card = GatewayFixture.NewCard(City.ZG);
            (await desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, GatewayFixture.NewKey("issue"))).Expect();
            (await desk.TopUpAsync(card, new TopUpBody { Amount = TopUp, Channel = TopUpChannel.ServiceDesk }, GatewayFixture.NewKey("topup"))).Expect();
            cards.Add(card);
        }

        // Each card taps one purchase after another until one is refused for the outage: that one is retried later,
        // and no later tap of its card is sent before it (a card's taps stay in order).
        var answers = new ConcurrentBag<(string Card, Tap Tap, Answer Answer)>();
        var pending = new ConcurrentDictionary<string, Tap>();
        using var stopTapping = new CancellationTokenSource();
        var workers = cards.Select(card => Task.Run(async () =>
        {
            for (var n = 0; !stopTapping.IsCancellationRequested; n++)
            {
                var tap = new Tap(GatewayFixture.NewKey($"tap{n}"), Requests.ChargeJson(Price, DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
                var answer = await SendAsync(card, tap);
                answers.Add((card, tap, answer));
                if (answer.Status != HttpStatusCode.OK)
                {
                    pending[card] = tap;
                    return;
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await postgres.StopAsync();
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(TimeSpan.FromSeconds(30)));
        await stopTapping.CancelAsync();
        await Task.WhenAll(workers);

        Assert.All(answers, a => Assert.Contains(a.Answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var refused = answers.Where(a => a.Answer.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(Cards, refused.Count);
        Assert.All(refused, a =>
        {
            Assert.Equal("application/problem+json", a.Answer.MediaType);
            Assert.Equal(CityCard.Gateway.Http.ProblemCodes.StoreUnavailable, a.Answer.Code);
            Assert.True(a.Answer.RetryAfter is > 0, "a 503 says when to retry");
        });

        await postgres.StartAgainAsync();
        foreach (var (card, tap) in pending)
        {
            Answer answer;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((answer = await SendAsync(card, tap)).Status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(answer.RetryAfter ?? 1));
            }

            Assert.Equal(HttpStatusCode.OK, answer.Status);
        }

        var reader = new GatewayClient(http, GatewayFixture.KeyOf(City.ZG, Role.ServiceDesk));
        foreach (var card in cards)
        {
            var charged = answers.Where(a => a.Card == card && a.Answer.Status == HttpStatusCode.OK).Select(a => a.Tap.Key).Append(pending[card].Key).ToList();
            var history = (await reader.GetHistoryAsync(card, limit: 500)).Expect();
            var charges = history.Entries.Where(e => e.EventType == "card_charged.v1").Select(e => e.OperationId).ToList();
            Assert.Equal(charged.Order(), charges.Select(id => id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..]).Order());
            var view = (await reader.GetCardAsync(card)).Expect();
            Assert.Equal(TopUp - (charged.Count * Price), view.Balance.Fen);
        }
    }

    private async Task<Answer> SendAsync(string card, Tap tap)
    {
        using var request = Requests.Json(HttpMethod.Post, $"/v1/cards/{card}/charges", GatewayFixture.KeyOf(City.ZG, Role.Terminal), tap.Key, tap.Body);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(body);
            code = problem.RootElement.GetProperty("code").GetString();
        }

        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, code, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
    }

    private sealed record Tap(string Key, string Body);

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string? Code, int? RetryAfter);
}
