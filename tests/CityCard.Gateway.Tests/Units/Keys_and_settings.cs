using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;
using Microsoft.Extensions.Configuration;

namespace CityCard.Gateway.Tests.Units;

public sealed class Keys_and_settings
{
    private static readonly ApiKeyRing Ring = new([
        new ApiKey("zg-desk", City.ZG, Role.ServiceDesk, ApiKey.Hash("a-long-enough-secret")),
        new ApiKey("lz-term", City.LZ, Role.Terminal, ApiKey.Hash("another-long-secret")),
    ]);

    [Theory]
    [InlineData("zg-desk.a-long-enough-secret", "zg-desk")]
    [InlineData("lz-term.another-long-secret", "lz-term")]
    public void A_right_key_names_its_caller(string presented, string id)
    {
        Assert.Equal(id, Ring.Authenticate(presented, out _, out var logged)?.KeyId);
        Assert.Equal(id, logged);
    }

    [Theory]
    [InlineData(null, AuthenticationFailure.MissingApiKey, null)]
    [InlineData("zg-desk.wrong-secret-but-long", AuthenticationFailure.InvalidApiKey, "zg-desk")]
    [InlineData("zg-desk", AuthenticationFailure.InvalidApiKey, null)]
    [InlineData("nobody.a-long-enough-secret", AuthenticationFailure.InvalidApiKey, null)]
    [InlineData("a-long-enough-secret.zg-desk", AuthenticationFailure.InvalidApiKey, null)]
    [InlineData("evil\nid.a-long-enough-secret", AuthenticationFailure.InvalidApiKey, null)]
    public void A_wrong_key_is_refused_and_only_a_known_id_is_offered_for_the_log(string? presented, AuthenticationFailure failure, string? logged)
    {
        Assert.Null(Ring.Authenticate(presented, out var why, out var id));
        Assert.Equal((failure, logged), (why, id));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("ZG:tap:T-1:7", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("é", false)]
    public void Idempotency_keys_are_operation_id_characters(string key, bool valid)
    {
        Assert.Equal(valid, OperationIds.IsValidKey(key));
        Assert.True(OperationIds.IsValidKey(new string('k', OperationIds.MaxKeyLength)));
        Assert.False(OperationIds.IsValidKey(new string('k', OperationIds.MaxKeyLength + 1)));
        Assert.Equal(64, OperationIds.For(City.YB, new string('k', OperationIds.MaxKeyLength)).Length);
    }

    [Fact]
    public void Settings_name_what_is_wrong()
    {
        static string Error(Dictionary<string, string?> values) =>
            Assert.Throws<InvalidOperationException>(() => GatewaySettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build())).Message;

        var key = new Dictionary<string, string?> { ["Gateway:City"] = "ZG", ["Gateway:Keys:0:Id"] = "k", ["Gateway:Keys:0:City"] = "ZG", ["Gateway:Keys:0:Role"] = "terminal", ["Gateway:Keys:0:Secret"] = "0123456789abcdef" };
        Assert.Contains("Gateway:City", Error(new(key) { ["Gateway:City"] = "XX" }), StringComparison.Ordinal);
        Assert.Contains("Role", Error(new(key) { ["Gateway:Keys:0:Role"] = "admin" }), StringComparison.Ordinal);
        Assert.Contains("Secret", Error(new(key) { ["Gateway:Keys:0:Secret"] = "short" }), StringComparison.Ordinal);
        Assert.Contains("exactly one", Error(new(key) { ["Gateway:Keys:0:SecretSha256"] = new string('a', 64) }), StringComparison.Ordinal);
        Assert.Contains("No API keys", Error(new() { ["Gateway:City"] = "ZG" }), StringComparison.Ordinal);
        Assert.Contains("GatewayPort", Error(new(key) { ["Cluster:GatewayPort"] = "30000,x" }), StringComparison.Ordinal);

        var settings = GatewaySettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(key) { ["Cluster:GatewayPort"] = "30000, 30001" }).Build());
        Assert.Equal([30000, 30001], settings.SiloGatewayPorts);
    }
}
