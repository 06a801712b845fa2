using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Operations;

/// <summary>
/// A tap sent with a caller's <c>traceparent</c> through a real gateway and a real silo: its trace holds the gateway's
/// HTTP span, the grain call (client and server side), the card's span, the group commit and the PostgreSQL commands
/// under it; a refused tap's problem+json carries the same trace id, found in the silo's spans too.
/// </summary>
[Collection(ObservedRegionCollection.Name)]
public sealed class A_tap_is_one_trace_from_the_gateway_to_the_insert(ObservedRegion region)
{
    [Fact]
    public async Task A_charge_with_a_traceparent_has_gateway_grain_and_npgsql_spans_in_that_trace()
    {
        var card = await region.NewCardAsync(balance: 5_000);
        var trace = ActivityTraceId.CreateRandom();

        using var response = await region.Http.SendAsync(Charge(card, trace, Requests.RideJson()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = await SpansOfAsync(trace, "card.charge", "card.group-commit");
        Assert.True(spans.Count > 0, $"{region.Spans.Count} spans in all: " + string.Join(", ", region.Spans.Take(30).Select(s => $"{s.Source.Name}/{s.DisplayName}/{s.TraceId}")));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Kind == ActivityKind.Client);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Kind == ActivityKind.Server);
        var charge = Assert.Single(spans, s => s.DisplayName == "card.charge");
        Assert.Equal(card, charge.GetTagItem("citycard.card"));
        var commit = Assert.Single(spans, s => s.DisplayName == "card.group-commit");
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && Ancestors(s, spans).Contains(commit.SpanId));

        // Every span of the trace hangs from the gateway's request: one tree, no orphans.
        var root = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server);
        Assert.All(spans.Where(s => s != root), s => Assert.Contains(root.SpanId, Ancestors(s, spans)));
    }

    [Fact]
    public async Task A_refused_taps_problem_names_its_trace_which_the_silo_recorded()
    {
        var card = await region.NewCardAsync(balance: 1_000);
        var trace = ActivityTraceId.CreateRandom();

        // Dated tomorrow: the card refuses it and records nothing (TapTimeInFuture), a problem.
        using var response = await region.Http.SendAsync(Charge(card, trace, Requests.ChargeJson(100, DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(trace.ToHexString(), problem.RootElement.GetProperty("traceId").GetString());
        var spans = await SpansOfAsync(trace, "card.charge");
        var charge = Assert.Single(spans, s => s.DisplayName == "card.charge");
        Assert.Equal(problem.RootElement.GetProperty("code").GetString(), charge.GetTagItem("citycard.rejection"));
    }

    private static HttpRequestMessage Charge(string card, ActivityTraceId trace, string body)
    {
        var request = Requests.Json(HttpMethod.Post, $"/v1/cards/{card}/charges", GatewayFixture.KeyOf(CityCard.Contracts.City.ZG, Role.Terminal), GatewayFixture.NewKey("tap"), body);
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    /// <summary>The trace's spans once the request's and the named ones have ended (spans are exported as they end).</summary>
    private async Task<IReadOnlyList<Activity>> SpansOfAsync(ActivityTraceId trace, params string[] names)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var spans = region.Spans.OfTrace(trace);
            var done = spans.Any(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server)
                && names.All(name => spans.Any(s => s.DisplayName == name));
            if (done || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(50);
        }
    }

    private static HashSet<ActivitySpanId> Ancestors(Activity span, IReadOnlyList<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        var ancestors = new HashSet<ActivitySpanId>();
        for (var parent = span.ParentSpanId; parent != default && ancestors.Add(parent) && byId.TryGetValue(parent, out var next);)
        {
            parent = next.ParentSpanId;
        }

        return ancestors;
    }
}
