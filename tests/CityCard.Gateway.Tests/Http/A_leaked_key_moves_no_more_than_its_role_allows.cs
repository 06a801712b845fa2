using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// The security review's scenario (issue 15): Luzhou's terminal key on a Zigong card. It cannot pass its top-up off as
/// the service desk's, learns no balance, status or version from a refusal, and cannot tell an unknown card from a
/// known one it may not use. The issuer's own desk, which may read the card, keeps the full answer.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class A_leaked_key_moves_no_more_than_its_role_allows(GatewayFixture gateways)
{
    private static readonly string[] CardState = ["balance", "cardStatus", "version"];

    private Task<HttpResponseMessage> Post(City gateway, Role role, string path, string body, string? key = null) =>
        gateways.Http(gateway).SendAsync(Requests.Json(HttpMethod.Post, path, KeyOf(gateway, role), key ?? NewKey("leak"), body));

    [Fact]
    public async Task A_terminal_key_cannot_claim_the_service_desks_channel()
    {
        var card = await gateways.CardForRefusalsAsync(nameof(A_leaked_key_moves_no_more_than_its_role_allows));
        var before = await gateways.StreamVersionAsync(card);

        var spoofed = await Post(City.LZ, Role.Terminal, $"v1/cards/{card}/top-ups", """{"amount":90000,"channel":"ServiceDesk"}""");
        var problem = await ProblemAssert.IsProblem(spoofed, HttpStatusCode.Forbidden, "ChannelNotAllowed");
        Assert.DoesNotContain("balance", problem.EnumerateObject().Select(p => p.Name));
        Assert.Equal(before, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_top_up_is_recorded_under_the_keys_channel()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 0);
        var kiosk = await Post(City.LZ, Role.Terminal, $"v1/cards/{card}/top-ups", """{"amount":500}""");
        Assert.Equal(HttpStatusCode.OK, kiosk.StatusCode);
        var named = await Post(City.ZG, Role.ServiceDesk, $"v1/cards/{card}/top-ups", """{"amount":700,"channel":"ServiceDesk"}""");
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);

        var history = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Get, $"v1/cards/{card}/history", KeyOf(City.ZG, Role.Operations), null, null));
        var text = await history.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Contains("Kiosk", text, StringComparison.Ordinal);
        Assert.Contains("ServiceDesk", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_tells_a_terminal_nothing_about_the_card()
    {
        var card = await gateways.CardForRefusalsAsync(nameof(A_leaked_key_moves_no_more_than_its_role_allows));
        var before = await gateways.StreamVersionAsync(card);

        var zero = await Post(City.LZ, Role.Terminal, $"v1/cards/{card}/charges", Requests.ChargeJson(0));
        var problem = await ProblemAssert.IsProblem(zero, HttpStatusCode.UnprocessableEntity, "AmountNotPositive");
        foreach (var member in CardState)
        {
            Assert.False(problem.TryGetProperty(member, out _), $"A terminal learnt the card's {member}: {problem}");
        }

        Assert.DoesNotContain("10000", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task An_unknown_card_answers_a_terminal_exactly_as_a_known_one()
    {
        var known = await gateways.CardForRefusalsAsync(nameof(A_leaked_key_moves_no_more_than_its_role_allows));
        var unknown = NewCard(City.ZG);
        var blocked = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var block = await Post(City.ZG, Role.ServiceDesk, $"v1/cards/{blocked}/block", """{"reason":"Lost"}""");
        Assert.Equal(HttpStatusCode.OK, block.StatusCode);

        // Input errors are checked before the card: the same answer whether the card exists or not.
        Assert.Equal(await Shape(Post(City.LZ, Role.Terminal, $"v1/cards/{known}/charges", Requests.ChargeJson(0))),
            await Shape(Post(City.LZ, Role.Terminal, $"v1/cards/{unknown}/charges", Requests.ChargeJson(0))));
        Assert.Equal(await Shape(Post(City.LZ, Role.Terminal, $"v1/cards/{known}/top-ups", """{"amount":0}""")),
            await Shape(Post(City.LZ, Role.Terminal, $"v1/cards/{unknown}/top-ups", """{"amount":0}""")));

        // A card it may not use, unknown or blocked, is one answer with nothing about the card.
        var toUnknown = await Shape(Post(City.LZ, Role.Terminal, $"v1/cards/{unknown}/top-ups", """{"amount":100}"""));
        var toBlocked = await Shape(Post(City.LZ, Role.Terminal, $"v1/cards/{blocked}/top-ups", """{"amount":100}"""));
        Assert.Equal(toBlocked, toUnknown);
        Assert.StartsWith("422 CardUnavailable", toUnknown, StringComparison.Ordinal);
        Assert.Equal(0L, await gateways.StreamVersionAsync(unknown));
    }

    [Fact]
    public async Task The_issuers_desk_still_sees_the_card_in_a_refusal()
    {
        var card = await gateways.CardForRefusalsAsync(nameof(A_leaked_key_moves_no_more_than_its_role_allows));
        var zero = await Post(City.ZG, Role.ServiceDesk, $"v1/cards/{card}/top-ups", """{"amount":0}""");
        var problem = await ProblemAssert.IsProblem(zero, HttpStatusCode.UnprocessableEntity, "AmountNotPositive");
        Assert.Equal(10_000L, problem.GetProperty("balance").GetInt64());

        var unknown = await Post(City.ZG, Role.ServiceDesk, $"v1/cards/{NewCard(City.ZG)}/top-ups", """{"amount":100}""");
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound, "CardNotIssued");
    }

    /// <summary>Status, code, detail and the members' names: what tells one answer from another (ids and trace aside).</summary>
    private static async Task<string> Shape(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var members = string.Join(",", root.EnumerateObject().Select(p => p.Name).Where(n => n is not "traceId" and not "operationId").Order(StringComparer.Ordinal));
        return $"{(int)response.StatusCode} {root.GetProperty("code").GetString()} {root.GetProperty("detail").GetString()} [{members}]";
    }
}
