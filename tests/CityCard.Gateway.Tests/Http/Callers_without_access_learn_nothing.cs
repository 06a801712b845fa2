using System.Net;
using System.Text;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// The authorisation matrix's other half: authentication comes before anything else, and authorisation before
/// anything about the request. A caller without a valid key gets 401 from every endpoint and every path, however wrong
/// the rest of the request (Content-Type, body size, Idempotency-Key, route values, method); a key that may not do an
/// operation gets its 403 however wrong the rest. Neither learns what the endpoint would have said, and nothing changes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Callers_without_access_learn_nothing(GatewayFixture gateways)
{
    /// <summary>Ways a request can be wrong besides its key; each would be a 4xx of its own for a caller with access.</summary>
    private static readonly Dictionary<string, Action<HttpRequestMessage>> Mistakes = new()
    {
        ["as it is"] = _ => { },
        ["a Content-Type it does not read"] = r => r.Content = new StringContent("amount=1", Encoding.UTF8, "text/plain"),
        ["a body over its limit"] = r => r.Content = new StringContent($$"""{"pad":"{{new string('x', 20_000)}}"}""", Encoding.UTF8, "application/json"),
        ["malformed JSON"] = r => r.Content = new StringContent("{\"amount\":", Encoding.UTF8, "application/json"),
        ["no Idempotency-Key"] = r => r.Headers.Remove("Idempotency-Key"),
        ["a malformed Idempotency-Key"] = r => { r.Headers.Remove("Idempotency-Key"); r.Headers.TryAddWithoutValidation("Idempotency-Key", "two words"); },
        ["a malformed route value"] = r => r.RequestUri = new Uri(Malformed(r.RequestUri!.OriginalString), UriKind.Relative),
        ["a method it does not take"] = r => r.Method = r.Method == HttpMethod.Get ? HttpMethod.Delete : HttpMethod.Put,
        ["a malformed query"] = r => r.RequestUri = new Uri(r.RequestUri!.OriginalString.Split('?')[0] + "?limit=zero&asOf=2026-12-03", UriKind.Relative),
    };

    private static readonly string[] UnknownPaths = ["/", "/v1", "/v1/nothing", "/v1/cards", "/v2/hotlist", "/v1/hotlist/everything", "/admin", "/docs/secret", "/v1/cards/ZG0000001230/secrets"];

    public static TheoryData<string> MistakeNames => [.. Mistakes.Keys];

    /// <summary>
    /// The mistakes that leave the operation known. With a method the route does not take there is no operation whose
    /// rights to check: a caller with a valid key gets 405, as for an unknown path 404 (the reference page lists the
    /// routes anyway); a caller without one gets 401 all the same.
    /// </summary>
    public static TheoryData<string> MistakesOnAnOperation => [.. Mistakes.Keys.Where(m => m != "a method it does not take")];

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public async Task A_caller_without_a_valid_key_gets_401_from_every_endpoint(string mistake)
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var before = await RegionState.CaptureAsync(gateways, card);
        var failures = new List<string>();
        foreach (var operation in Enum.GetValues<GatewayOperation>())
        {
            foreach (var (key, code) in new (string? Key, string Code)[] { (null, "MissingApiKey"), ("zg-terminal.not-the-secret-0123456789", "InvalidApiKey") })
            {
                using var request = RequestFor(operation, card, KeyOf(City.ZG, Role.Terminal));
                request.Headers.Remove("X-Api-Key");
                if (key is not null)
                {
                    request.Headers.Add("X-Api-Key", key);
                }

                Mistakes[mistake](request);
                failures.AddRange(await Expect(request, HttpStatusCode.Unauthorized, code, $"{operation} with {key ?? "no key"} and {mistake}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    [Theory]
    [MemberData(nameof(MistakesOnAnOperation))]
    public async Task A_key_that_may_not_do_an_operation_gets_its_403_whatever_else_is_wrong(string mistake)
    {
        var zigong = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var luzhou = await gateways.NewActiveCardAsync(City.LZ, 1_000);
        var before = await RegionState.CaptureAsync(gateways, zigong, luzhou);
        var failures = new List<string>();
        foreach (var operation in Enum.GetValues<GatewayOperation>())
        {
            // At Zigong's gateway: a Luzhou key; a Zigong (or the region's) key of a role the operation does not take;
            // and for an issuer's operation, an allowed Zigong key on Luzhou's card.
            var denied = new List<(City? KeyCity, Role Role, string Card, string Code)> { (City.LZ, Role.Operations, zigong, "KeyForAnotherCity") };
            if (RoleNotTaking(operation) is { } role)
            {
                denied.Add((role.IsRegional() ? null : City.ZG, role, zigong, "RoleNotAllowed"));
            }

            if (IssuerOnly(operation) is { } issuerRole && mistake != "a malformed route value")
            {
                denied.Add((City.ZG, issuerRole, luzhou, "NotCardIssuer"));
            }

            foreach (var (keyCity, keyRole, card, code) in denied)
            {
                using var request = RequestFor(operation, card, KeyOf(keyCity, keyRole));
                Mistakes[mistake](request);
                failures.AddRange(await Expect(request, HttpStatusCode.Forbidden, code, $"{operation} with a {keyCity?.ToString() ?? "region"} {keyRole.Name()} key on {card} and {mistake}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, zigong, luzhou));
    }

    [Fact]
    public async Task An_unknown_path_is_401_without_a_key_and_404_with_one()
    {
        var failures = new List<string>();
        foreach (var path in UnknownPaths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete })
            {
                using var anonymous = Requests.Json(method, path, null, null, method == HttpMethod.Post ? "{}" : null, "text/plain");
                failures.AddRange(await Expect(anonymous, HttpStatusCode.Unauthorized, "MissingApiKey", $"{method} {path} without a key"));
                using var keyed = Requests.Json(method, path, KeyOf(City.ZG, Role.Operations), null, null);
                failures.AddRange(await Expect(keyed, HttpStatusCode.NotFound, "NotFound", $"{method} {path} with a key"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("health")]
    [InlineData("health/ready")]
    [InlineData("docs")]
    [InlineData("openapi/v1.json")]
    public async Task Only_the_public_pages_answer_without_a_key(string path)
    {
        using var response = await gateways.Http(City.ZG).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Public for reading only: anything else on them still needs a key.
        using var post = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, path, null, null, "{}"));
        await ProblemAssert.IsProblem(post, HttpStatusCode.Unauthorized, "MissingApiKey");
    }

    [Fact]
    public async Task Two_keys_are_one_too_many()
    {
        using var request = Requests.Json(HttpMethod.Get, "v1/hotlist", KeyOf(City.ZG, Role.Terminal), null, null);
        request.Headers.Add("X-Api-Key", KeyOf(City.ZG, Role.Operations));

        using var response = await gateways.Http(City.ZG).SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "InvalidApiKey");
    }

    private async Task<IEnumerable<string>> Expect(HttpRequestMessage request, HttpStatusCode status, string code, string what)
    {
        using var response = await gateways.Http(City.ZG).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var got = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()
            : null;
        return response.StatusCode == status && got == code ? [] : [$"{what}: expected {(int)status} {code}, got {(int)response.StatusCode} {got}"];
    }

    private static HttpRequestMessage RequestFor(GatewayOperation operation, string card, string apiKey) =>
        ExpectedClearingAccess.Operations.Contains(operation)
            ? The_clearing_authorisation_matrix_holds_over_http.RequestFor(operation, apiKey)
            : The_authorisation_matrix_holds_over_http.RequestFor(operation, card, apiKey);

    /// <summary>A role the operation does not take, if any (the region's clearing role for one every city role takes).</summary>
    private static Role? RoleNotTaking(GatewayOperation operation)
    {
        foreach (var role in Roles.OfCities.Append(Role.Clearing))
        {
            if (ExpectedAccess.Denial(operation, role.IsRegional() ? null : City.ZG, role, City.ZG, City.ZG) == "RoleNotAllowed")
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>A Zigong role the operation takes on Zigong's cards only, if the operation is an issuer's.</summary>
    private static Role? IssuerOnly(GatewayOperation operation)
    {
        foreach (var role in Roles.OfCities)
        {
            if (ExpectedAccess.Denial(operation, City.ZG, role, City.ZG, City.ZG) is null && ExpectedAccess.Denial(operation, City.ZG, role, City.ZG, City.LZ) == "NotCardIssuer")
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>The request's path with its route value (card, window, case or run) made malformed.</summary>
    private static string Malformed(string path)
    {
        var parts = path.Split('?')[0].Split('/');
        var index = Array.FindIndex(parts, p => CardNumber.TryParse(p, out _) || p is "2001-01-01" or "2099-12-31" || p.Contains(':', StringComparison.Ordinal));
        if (index < 0)
        {
            return path;
        }

        parts[index] = parts[index].Contains(':', StringComparison.Ordinal) ? "no%20such%20id" : parts[index].Length == 10 ? "2001-13-45" : "ZG12";
        return string.Join('/', parts);
    }
}
