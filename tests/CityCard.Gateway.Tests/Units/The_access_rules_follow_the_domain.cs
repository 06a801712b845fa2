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
            foreach (var (keyCity, role) in GatewayFixture.AllKeys)
            {
                foreach (var gateway in Cities.All)
                {
                    foreach (var issuer in issuers)
                    {
                        var actual = AccessRules.Check(new Caller("k", keyCity, role), gateway, operation, issuer)?.ToString();
                        var expected = ExpectedAccess.Denial(operation, keyCity, role, gateway, issuer);
                        Assert.True(expected == actual, $"{operation} by a {keyCity?.ToString() ?? "region"} {role.Name()} key at {gateway} on a {issuer?.ToString() ?? "no"} card: expected {expected ?? "allowed"}, got {actual ?? "allowed"}");
                        checkedCases++;
                    }
                }
            }
        }

        // Every operation, for each city's three roles and the region's clearing key, at four gateways, on five issuers.
        Assert.Equal(Enum.GetValues<GatewayOperation>().Length * ((4 * 3) + 1) * 4 * 5, checkedCases);
    }

    [Fact]
    public void The_clearing_key_works_at_every_gateway_and_only_for_clearing()
    {
        var clearing = new Caller("rg", null, Role.Clearing);
        foreach (var gateway in Cities.All)
        {
            Assert.Null(AccessRules.Check(clearing, gateway, GatewayOperation.CloseWindow, null));
            Assert.Null(AccessRules.Check(clearing, gateway, GatewayOperation.ReadRegionSettlement, null));
            Assert.Equal(AccessDenial.RoleNotAllowed, AccessRules.Check(clearing, gateway, GatewayOperation.Charge, gateway));
            Assert.Equal(AccessDenial.RoleNotAllowed, AccessRules.Check(clearing, gateway, GatewayOperation.ViewCard, gateway));
        }
    }

    [Fact]
    public void No_city_reads_the_regions_report_or_another_citys_books()
    {
        // The region's report carries every city's payout statement; a city's statement and ledger are its gateway's city's.
        foreach (var city in Cities.All)
        {
            Assert.Equal(AccessDenial.RoleNotAllowed, AccessRules.Check(new Caller("ops", city, Role.Operations), city, GatewayOperation.ReadRegionSettlement, null));
            foreach (var other in Cities.All.Where(c => c != city))
            {
                Assert.Equal(AccessDenial.KeyForAnotherCity, AccessRules.Check(new Caller("ops", city, Role.Operations), other, GatewayOperation.ReadCityStatement, null));
                Assert.Equal(AccessDenial.KeyForAnotherCity, AccessRules.Check(new Caller("ops", city, Role.Operations), other, GatewayOperation.ReadTrialBalance, null));
            }
        }
    }

    [Theory]
    [InlineData("terminal", Role.Terminal)]
    [InlineData("service-desk", Role.ServiceDesk)]
    [InlineData("OPERATIONS", Role.Operations)]
    [InlineData("clearing", Role.Clearing)]
    public void Role_names_parse(string name, Role role)
    {
        Assert.True(Roles.TryParse(name, out var parsed));
        Assert.Equal(role, parsed);
        Assert.False(Roles.TryParse("admin", out _));
    }
}
