using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Http;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Fare policy simulation over real HTTP on a real cluster and PostgreSQL (decision 0062): Luzhou's back office tries
/// drafts of lz.json on the rides Luzhou charged. The gateway's database is shared with the other tests of the
/// collection (which run one at a time), so each case takes the report before and after its own rides: the difference
/// is what its new cards' rides add. Simulating the version in force reproduces the recorded fares exactly; a draft
/// with the urban bus fare up from 2.50 to 3.00 gives the differences worked out by hand; an invalid draft is 422 with
/// the silo's own validation errors and writes nothing; only the city's operations key may simulate.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Fare_policies_are_simulated_through_the_gateway(GatewayFixture gateways)
{
    private GatewayClient Operations => gateways.Client(City.LZ, Role.Operations);

    private static DateOnly From => ChinaTime.DateOf(DateTimeOffset.UtcNow.AddHours(-1));

    private static DateOnly To => ChinaTime.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_version_in_force_reproduces_the_recorded_fares_and_a_higher_urban_fare_costs_what_was_worked_out_by_hand()
    {
        var inForce = Draft(version => { });
        var higher = Draft(version => version["bus"]!["routeClasses"]![0]!["fare"] = 300);
        var sameBefore = await SimulateAsync(inForce);
        var higherBefore = await SimulateAsync(higher);

        // A: one urban ride, 2.50. B: a trunk ride, 3.50, then an urban ride within 90 minutes: a transfer, half of
        // 2.50 off (at most 1.50), so 1.25. 7.25 charged in all.
        var a = await gateways.NewActiveCardAsync(City.LZ, 10_000);
        var b = await gateways.NewActiveCardAsync(City.LZ, 10_000);
        var charged = new[]
        {
            await RideAsync(a, "LZ-1"),
            await RideAsync(b, "LZ-K2"),
            await RideAsync(b, "LZ-1"),
        };
        Assert.Equal([250L, 350L, 125L], charged);

        var same = await SimulateAsync(inForce);
        Assert.Equal($"LZ@{From:yyyy-MM-dd}", same.Tried);
        Assert.Equal((3, 725L, 725L), Added(sameBefore.Total, same.Total));
        Assert.Equal(sameBefore.ChangedRides, same.ChangedRides);
        Assert.True(same.ChangedRides <= same.Reversed, $"{same.ChangedRides} rides changed fare under the version in force; only reversed ones ({same.Reversed}) may");
        Assert.Equal(same.Total.Recorded - sameBefore.Total.Recorded, same.Total.Simulated - sameBefore.Total.Simulated);
        Assert.Equal(2, same.Riders.PaySame - sameBefore.Riders.PaySame);

        // Under 3.00: A pays 3.00 (+0.50); B pays 3.50 and 3.00 less half (1.50, the most a transfer takes off): +0.25.
        var raised = await SimulateAsync(higher);
        Assert.Equal((3, 725L, 800L), Added(higherBefore.Total, raised.Total));
        Assert.Equal(2, raised.ChangedRides - higherBefore.ChangedRides);
        Assert.Equal((3, 725L, 800L), Added(Line(higherBefore.ByOperator, "LZ-BUS"), Line(raised.ByOperator, "LZ-BUS")));
        Assert.Equal((3, 725L, 800L), Added(Line(higherBefore.ByMode, "Bus"), Line(raised.ByMode, "Bus")));
        Assert.Equal((3, 725L, 800L), Added(Line(higherBefore.ByProduct, "standard"), Line(raised.ByProduct, "standard")));
        Assert.Equal((2, 2, 0), (raised.Riders.Riders - higherBefore.Riders.Riders, raised.Riders.PayMore - higherBefore.Riders.PayMore, raised.Riders.PayLess - higherBefore.Riders.PayLess));
        Assert.Equal(2, Bucket(raised, 1, 100) - Bucket(higherBefore, 1, 100));
        Assert.Equal(
            (1, 1, 125L, 150L),
            (raised.Transfers.Recorded - higherBefore.Transfers.Recorded, raised.Transfers.Simulated - higherBefore.Transfers.Simulated,
                (raised.Transfers.RecordedAmount - higherBefore.Transfers.RecordedAmount).Fen, (raised.Transfers.SimulatedAmount - higherBefore.Transfers.SimulatedAmount).Fen));
    }

    [Fact]
    public async Task An_invalid_draft_is_422_with_the_silos_validation_errors_and_writes_nothing()
    {
        var card = await gateways.NewActiveCardAsync(City.LZ, 10_000);
        await RideAsync(card, "LZ-1");
        var before = await RegionState.CaptureAsync(gateways, card);
        var version = await gateways.StreamVersionAsync(card);
        var draft = Draft(v => v["bus"]!["routeClasses"]![0]!["fare"] = -300);

        using var response = await gateways.Http(City.LZ).SendAsync(Post(draft.Text, KeyOf(City.LZ, Role.Operations)));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "InvalidPolicyDraft");
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.Equal(errors.Count, problem.GetProperty("errorCount").GetInt32());
        Assert.All(errors, e => Assert.Equal("lz.json", e.GetProperty("file").GetString()));
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.Contains("fare", StringComparison.Ordinal));
        Assert.Equal(version, await gateways.StreamVersionAsync(card));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    [Theory]
    [InlineData(City.LZ, "service-desk", "RoleNotAllowed")]
    [InlineData(City.LZ, "terminal", "RoleNotAllowed")]
    [InlineData(City.ZG, "operations", "KeyForAnotherCity")]
    public async Task Only_the_citys_operations_key_may_simulate(City keyCity, string role, string code)
    {
        var key = KeyOf(keyCity, Roles.OfCities.Single(r => r.Name() == role));
        using var response = await gateways.Http(City.LZ).SendAsync(Post(Draft(_ => { }).Text, key));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, code);
    }

    public static TheoryData<string, string, string, string, HttpStatusCode, string> BadRequests => new()
    {
        { "a period ending before it starts", "from=2026-11-30&to=2026-11-01", "{}", "application/json", HttpStatusCode.UnprocessableEntity, "PeriodBackwards" },
        { "a period of 93 days", "from=2026-09-01&to=2026-12-02", "{}", "application/json", HttpStatusCode.UnprocessableEntity, "PeriodTooLong" },
        { "a date that is no date", "from=2026-11-31&to=2026-12-02", "{}", "application/json", HttpStatusCode.BadRequest, "InvalidQuery" },
        { "no period", string.Empty, "{}", "application/json", HttpStatusCode.BadRequest, "InvalidQuery" },
        { "a draft that is not JSON", "from=2026-11-01&to=2026-11-02", "<lz/>", "application/xml", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType" },
        { "no draft", "from=2026-11-01&to=2026-11-02", string.Empty, "application/json", HttpStatusCode.BadRequest, "InvalidBody" },
        { "a draft that is no policy file", "from=2026-11-01&to=2026-11-02", "[1, 2]", "application/json", HttpStatusCode.UnprocessableEntity, "InvalidPolicyDraft" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_named_4xx(string why, string query, string body, string mediaType, HttpStatusCode status, string code)
    {
        using var request = Requests.Json(HttpMethod.Post, $"v1/policy/simulations?{query}", KeyOf(City.LZ, Role.Operations), null, body, mediaType);
        using var response = await gateways.Http(City.LZ).SendAsync(request);
        Assert.True(response.StatusCode == status, why);
        await ProblemAssert.IsProblem(response, status, code);
    }

    [Fact]
    public async Task A_draft_over_the_limit_is_413()
    {
        var body = "{\"note\":\"" + new string('x', 1024 * 1024) + "\"}";
        using var request = Requests.Json(HttpMethod.Post, "v1/policy/simulations?from=2026-11-01&to=2026-11-02", KeyOf(City.LZ, Role.Operations), null, body).ExpectingContinue();
        using var response = await gateways.Http(City.LZ).SendAsync(request);
        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge");
    }

    /// <summary>A ride on a Luzhou bus route tapped now (after the card's issue, as a tap must be); what it was charged.</summary>
    private async Task<long> RideAsync(string card, string route)
    {
        var result = await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(card, new ChargeBody
        {
            MerchantId = "LZ-BUS",
            Category = Category.Bus,
            TerminalId = "LZ-T-SIM",
            TerminalSequence = Random.Shared.NextInt64(1, long.MaxValue),
            TappedAt = DateTimeOffset.UtcNow,
            Ride = new RideBody { Route = route },
        }, NewKey("sim-ride"));
        var response = result.Expect();
        Assert.Equal(OperationStatus.Accepted, response.Status);
        return response.Charged!.Value;
    }

    private async Task<SimulationReport> SimulateAsync(LzDraft draft) => (await Operations.SimulatePolicyAsync(draft.Text, From, To)).Expect();

    private static HttpRequestMessage Post(string draft, string key) =>
        Requests.Json(HttpMethod.Post, $"v1/policy/simulations?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}", key, null, draft);

    private static (int Rides, long Recorded, long Simulated) Added(RevenueLine? before, RevenueLine? after) =>
        ((after?.Rides ?? 0) - (before?.Rides ?? 0), (after?.Recorded.Fen ?? 0) - (before?.Recorded.Fen ?? 0), (after?.Simulated.Fen ?? 0) - (before?.Simulated.Fen ?? 0));

    private static RevenueLine? Line(IReadOnlyList<RevenueLine> lines, string key) => lines.SingleOrDefault(l => l.Key == key);

    private static int Bucket(SimulationReport report, long from, long to) =>
        report.Riders.Distribution.Single(b => b.From == from && b.To == to).Riders;

    /// <summary>
    /// lz.json with a new version appended, dated after every other: the version in force today (2026-11-20's) as
    /// <paramref name="edit"/> changes it. The simulation tries it from the period's first day.
    /// </summary>
    private static LzDraft Draft(Action<JsonObject> edit)
    {
        var file = JsonNode.Parse(File.ReadAllText(PolicyFile()), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var versions = file["versions"]!.AsArray();
        var tried = versions.Select(v => v!.AsObject()).Single(v => v["effectiveFrom"]!.GetValue<string>() == "2026-11-20").DeepClone().AsObject();
        tried["effectiveFrom"] = "2028-01-01";
        edit(tried);
        versions.Add(tried);
        return new LzDraft(file.ToJsonString());
    }

    private static string PolicyFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies", "lz.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("No policies/lz.json above the tests.");
    }

    private sealed record LzDraft(string Text);
}
