using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Units;

public sealed class The_access_rules_follow_the_domain
{
    [Fact]
    public void Every_operation_has_a_rule()
    {
        Assert.Equal(Enum.GetValues<GatewayOperation>().ToHashSet(), AccessRules.Table.Keys.ToHashSet());
        Assert.Equal(Enum.GetValues<GatewayOperation>().ToHashSet(), ExpectedAccess.Operations.ToHashSet());
    }

    [Fact]
    public void Every_key_city_role_gateway_and_card_issuer_is_decided_as_the_domain_says()
    {
        City?[] issuers = [.. Cities.All.Cast<City?>(), null];
        var checkedCases = 0;
        foreach (var operation in Enum.GetValues<GatewayOperation>())
        {
            foreach (var keyCity in Cities.All)
            {
                foreach (var role in Roles.All)
                {
                    foreach (var gateway in Cities.All)
                    {
                        foreach (var issuer in issuers)
                        {
                            var actual = AccessRules.Check(new Caller("k", keyCity, role), gateway, operation, issuer)?.ToString();
                            var expected = ExpectedAccess.Denial(operation, keyCity, role, gateway, issuer);
                            Assert.True(expected == actual, $"{operation} by a {keyCity} {role.Name()} key at {gateway} on a {issuer?.ToString() ?? "no"} card: expected {expected ?? "allowed"}, got {actual ?? "allowed"}");
                            checkedCases++;
                        }
                    }
                }
            }
        }

        Assert.Equal(Enum.GetValues<GatewayOperation>().Length * 4 * 3 * 4 * 5, checkedCases);
    }

    [Theory]
    [InlineData("terminal", Role.Terminal)]
    [InlineData("service-desk", Role.ServiceDesk)]
    [InlineData("OPERATIONS", Role.Operations)]
    public void Role_names_parse(string name, Role role)
    {
        Assert.True(Roles.TryParse(name, out var parsed));
        Assert.Equal(role, parsed);
        Assert.False(Roles.TryParse("admin", out _));
    }
}
