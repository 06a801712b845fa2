using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;
using Microsoft.Extensions.Configuration;

namespace CityCard.Gateway.Tests.Units;

public sealed class The_clearing_key_belongs_to_the_region
{
    private static Dictionary<string, string?> Key(string role, string? city) => new()
    {
        ["Gateway:City"] = "ZG",
        ["Gateway:Keys:0:Id"] = "k",
        ["Gateway:Keys:0:City"] = city,
        ["Gateway:Keys:0:Role"] = role,
        ["Gateway:Keys:0:Secret"] = "0123456789abcdef",
    };

    private static GatewaySettings Read(Dictionary<string, string?> values) =>
        GatewaySettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void A_clearing_key_has_no_city_and_every_other_key_has_one()
    {
        Assert.Null(Read(Key("clearing", null)).Keys.Single().City);
        Assert.Null(Read(Key("clearing", "")).Keys.Single().City);
        Assert.Equal(City.LZ, Read(Key("operations", "LZ")).Keys.Single().City);

        Assert.Contains("give it no City", Assert.Throws<InvalidOperationException>(() => Read(Key("clearing", "ZG"))).Message, StringComparison.Ordinal);
        Assert.Contains("City", Assert.Throws<InvalidOperationException>(() => Read(Key("operations", null))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_ring_refuses_a_key_whose_city_does_not_fit_its_role()
    {
        var hash = ApiKey.Hash("a-long-enough-secret");
        Assert.Throws<InvalidOperationException>(() => new ApiKeyRing([new ApiKey("rg", City.ZG, Role.Clearing, hash)]));
        Assert.Throws<InvalidOperationException>(() => new ApiKeyRing([new ApiKey("zg", null, Role.Terminal, hash)]));

        var ring = new ApiKeyRing([new ApiKey("rg", null, Role.Clearing, hash)]);
        Assert.Equal(new Caller("rg", null, Role.Clearing), ring.Authenticate("rg.a-long-enough-secret", out _, out _));
    }

    [Fact]
    public void The_regions_operation_ids_are_the_same_at_every_gateway_and_never_a_citys()
    {
        var clearing = new Caller("rg", null, Role.Clearing);
        Assert.Equal("RG:close-1126", OperationIds.For(clearing, "close-1126"));
        Assert.Equal("ZG:close-1126", OperationIds.For(new Caller("zg", City.ZG, Role.Operations), "close-1126"));
        Assert.Equal(64, OperationIds.For(clearing, new string('k', OperationIds.MaxKeyLength)).Length);
        Assert.DoesNotContain(OperationIds.RegionScope, Cities.All.Select(c => c.ToString()));
    }
}
