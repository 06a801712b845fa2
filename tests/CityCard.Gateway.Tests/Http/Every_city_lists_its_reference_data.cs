using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>GET /v1/reference: a city's products, routes and stations from its policy in force, for any of its keys.</summary>
[Collection(GatewayCollection.Name)]
public sealed class Every_city_lists_its_reference_data(GatewayFixture gateways)
{
    [Fact]
    public async Task A_terminal_finds_its_citys_products_routes_and_categories()
    {
        var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Get, "v1/reference", KeyOf(City.ZG, Role.Terminal), null, null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("ZG", root.GetProperty("city").GetString());
        Assert.StartsWith("ZG@", root.GetProperty("policyVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("products").EnumerateArray(), p => p.GetProperty("code").GetString() == "standard");
        Assert.Contains(root.GetProperty("busRoutes").EnumerateArray(), r => r.GetString() == "ZG-1");
        Assert.Contains(root.GetProperty("categories").EnumerateArray(), c => c.GetString() == "Retail");
    }

    [Fact]
    public async Task Each_gateway_lists_its_own_city()
    {
        foreach (var city in GatewayCities)
        {
            var response = await gateways.Http(city).SendAsync(Requests.Json(HttpMethod.Get, "v1/reference", ClearingKey, null, null));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(city.ToString(), json.RootElement.GetProperty("city").GetString());
        }
    }
}
