using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace CityCard.Gateway.Tests.Operations;

/// <summary>
/// The silo SIGKILLed while taps arrive: the calls in flight, and those sent after, are answered 503 problem+json within
/// 5 seconds (not Orleans' 30), and once the silo is started again the gateway reconnects by itself.
/// </summary>
public sealed class A_killed_silo_answers_calls_in_flight_within_5_seconds : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private HostProcess silo = null!;
    private WebApplication gateway = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("killed");
        var siloGateway = 0;
        silo = await LocalPorts.StartWithRetryAsync(async () =>
        {
            // The silo is started again on the same ports after its kill: ports outside the ephemeral range, which a
            // client redialling the dead silo (or polling its health) cannot be given as its own.
            siloGateway = LocalPorts.FreeOutsideEphemeralRange();
            var host = HostProcess.Silo(database, LocalPorts.FreeOutsideEphemeralRange(), LocalPorts.FreeOutsideEphemeralRange(), siloGateway);
            await host.StartAsync(TimeSpan.FromMinutes(2));
            return host;
        });
        (gateway, var url) = await TestGatewayHost.StartAsync(City.ZG, siloGateway);
        http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await gateway.StopAsync();
        await gateway.DisposeAsync();
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task Calls_in_flight_when_the_silo_dies_are_answered_within_5_seconds_and_the_gateway_reconnects()
    {
        var cards = new List<string>();
        var desk = new GatewayClient(http, GatewayFixture.KeyOf(City.ZG, Role.ServiceDesk));
        for (var i = 0; i < 8; i++)
        {
            var card = GatewayFixture.NewCard(City.ZG);
            var issue = GatewayFixture.NewKey("issue");
            var topUp = GatewayFixture.NewKey("topup");
            await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, issue));
            await ClusterRetry.UntilTheClusterAnswersAsync(() => desk.TopUpAsync(card, new TopUpBody { Amount = 90_000, Channel = TopUpChannel.ServiceDesk }, topUp));
            cards.Add(card);
        }

        var clock = Stopwatch.StartNew();
        var calls = new ConcurrentBag<(TimeSpan Sent, TimeSpan Answered, HttpStatusCode Status, string? MediaType)>();
        using var stop = new CancellationTokenSource();
        var workers = cards.Select(card => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sent = clock.Elapsed;
                using var response = await http.SendAsync(Requests.Json(HttpMethod.Post, $"/v1/cards/{card}/charges", GatewayFixture.KeyOf(City.ZG, Role.Terminal), GatewayFixture.NewKey("tap"), Requests.ChargeJson(10)));
                calls.Add((sent, clock.Elapsed, response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var killedAt = clock.Elapsed;
        silo.Kill();
        await Task.Delay(TimeSpan.FromSeconds(7));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var inFlight = calls.Where(c => c.Sent < killedAt && c.Answered > killedAt).ToList();
        var after = calls.Where(c => c.Sent >= killedAt).ToList();
        Assert.NotEmpty(inFlight);
        Assert.NotEmpty(after);
        Console.WriteLine($"in flight at the kill: {inFlight.Count}, answered within {inFlight.Max(c => c.Answered - killedAt).TotalSeconds:0.00} s; sent after: {after.Count}, slowest {after.Max(c => c.Answered - c.Sent).TotalSeconds:0.00} s");
        Assert.All(inFlight, c => Assert.True(c.Answered - killedAt < Bound, $"a call in flight was answered {(c.Answered - killedAt).TotalSeconds:0.0} s after the kill"));
        Assert.All(after, c => Assert.True(c.Answered - c.Sent < Bound, $"a call sent after the kill took {(c.Answered - c.Sent).TotalSeconds:0.0} s"));
        Assert.All(inFlight.Concat(after).Where(c => c.Status != HttpStatusCode.OK), c =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, c.Status);
            Assert.Equal("application/problem+json", c.MediaType);
        });
        Assert.Contains(after, c => c.Status == HttpStatusCode.ServiceUnavailable);

        // Started again on the same ports, the silo is found by the gateway's cluster client without a restart of the gateway.
        await silo.StartAsync(TimeSpan.FromMinutes(2));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode status;
        do
        {
            using var response = await http.SendAsync(Requests.Json(HttpMethod.Post, $"/v1/cards/{cards[0]}/charges", GatewayFixture.KeyOf(City.ZG, Role.Terminal), GatewayFixture.NewKey("tap"), Requests.ChargeJson(10)));
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(500);
            }
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
