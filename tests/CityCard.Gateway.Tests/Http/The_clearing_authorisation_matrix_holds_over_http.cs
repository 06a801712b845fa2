using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Each clearing operation, asked at two gateways with every role of three cities and the region's clearing key: a
/// refusal is exactly the 403 the domain names, anything allowed gets past authorisation. The commands name windows
/// that cannot change (a day not begun, a day never seen) and a card never held, so the matrix moves nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class The_clearing_authorisation_matrix_holds_over_http(GatewayFixture gateways)
{
    private const string NeverSeen = "2001-01-01";
    private const string NotBegun = "2099-12-31";
    private static readonly string NeverHeld = NewCard(City.LZ);

    internal static HttpRequestMessage RequestFor(GatewayOperation operation, string apiKey) => operation switch
    {
        GatewayOperation.ReadClearingStatus => Requests.Json(HttpMethod.Get, "v1/clearing/status", apiKey, null, null),
        GatewayOperation.ReadWindows => Requests.Json(HttpMethod.Get, $"v1/clearing/windows/{NeverSeen}", apiKey, null, null),
        GatewayOperation.CloseWindow => Requests.Json(HttpMethod.Post, $"v1/clearing/windows/{NotBegun}/close", apiKey, NewKey("m"), null),
        GatewayOperation.ConfirmSettlement => Requests.Json(HttpMethod.Post, $"v1/clearing/windows/{NeverSeen}/confirm", apiKey, NewKey("m"), """{"bankReference":"PBOC-M"}"""),
        GatewayOperation.AbortWindow => Requests.Json(HttpMethod.Post, $"v1/clearing/windows/{NeverSeen}/abort", apiKey, NewKey("m"), """{"reason":"matrix"}"""),
        GatewayOperation.ReadRegionSettlement => Requests.Json(HttpMethod.Get, $"v1/clearing/windows/{NeverSeen}/settlement", apiKey, null, null),
        GatewayOperation.ReadCityStatement => Requests.Json(HttpMethod.Get, $"v1/clearing/windows/{NeverSeen}/statement?format=csv", apiKey, null, null),
        GatewayOperation.ReadTrialBalance => Requests.Json(HttpMethod.Get, "v1/ledger/trial-balance", apiKey, null, null),
        GatewayOperation.ReleaseHeldCard => Requests.Json(HttpMethod.Post, $"v1/clearing/held-cards/{NeverHeld}/release", apiKey, NewKey("m"), null),
        GatewayOperation.ApportionPasses => Requests.Json(HttpMethod.Post, "v1/clearing/passes/apportion", apiKey, NewKey("m"), null),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    [Fact]
    public async Task Each_role_and_city_against_each_clearing_operation_gets_exactly_what_the_domain_allows()
    {
        var records = await gateways.ClearingRecordsAsync();
        var failures = new List<string>();
        var cases = 0;
        foreach (var gateway in new[] { City.ZG, City.LZ })
        {
            foreach (var operation in ExpectedClearingAccess.Operations)
            {
                foreach (var (keyCity, role) in The_authorisation_matrix_holds_over_http.Keys)
                {
                    cases++;
                    using var response = await gateways.Http(gateway).SendAsync(RequestFor(operation, KeyOf(keyCity, role)));
                    var body = await response.Content.ReadAsStringAsync();
                    var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                        ? JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()
                        : null;
                    var expected = ExpectedAccess.Denial(operation, keyCity, role, gateway, null);
                    var ok = expected is null
                        ? response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500
                        : response.StatusCode == HttpStatusCode.Forbidden && code == expected;
                    if (!ok)
                    {
                        failures.Add($"{operation} at {gateway} with a {keyCity?.ToString() ?? "region"} {role.Name()} key: expected {expected ?? "allowed"}, got {(int)response.StatusCode} {code}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(2 * ExpectedClearingAccess.Operations.Count() * 10, cases);
        Assert.Equal(records, await gateways.ClearingRecordsAsync());
    }

    [Fact]
    public void Every_operation_of_the_gateway_is_in_one_of_the_http_matrices()
    {
        Assert.Equal(
            Enum.GetValues<GatewayOperation>().Order(),
            The_authorisation_matrix_holds_over_http.Operations.Concat(ExpectedClearingAccess.Operations).Order());
    }

    [Theory]
    [InlineData("v1/clearing/windows/2001-01-01/settlement", "operations")]
    [InlineData("v1/clearing/windows/2001-01-01/close", "operations")]
    [InlineData("v1/ledger/trial-balance", "terminal")]
    [InlineData("v1/clearing/status", "service-desk")]
    public async Task A_citys_key_is_refused_the_regions_business_with_a_named_403(string path, string role)
    {
        Assert.True(Roles.TryParse(role, out var parsed));
        var method = path.EndsWith("/close", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        using var response = await gateways.Http(City.NJ).SendAsync(Requests.Json(method, path, KeyOf(City.NJ, parsed), method == HttpMethod.Post ? NewKey("x") : null, null));
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "RoleNotAllowed");
    }

    [Fact]
    public async Task Another_citys_operations_key_reads_neither_the_statement_nor_the_ledger_here()
    {
        foreach (var path in new[] { "v1/clearing/windows/2001-01-01/statement", "v1/ledger/trial-balance" })
        {
            using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Get, path, KeyOf(City.LZ, Role.Operations), null, null));
            await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "KeyForAnotherCity");
        }
    }
}
