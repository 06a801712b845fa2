using System.Net;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Http;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// A city's registry over real HTTP (decision 0090): its operations key registers an operator and a terminal (whose key
/// is shown once, and not again on a retry), rotates the key, suspends and retires; every change is in the history with
/// the key that made it; settlement accounts are masked to all but the region's clearing key; refusals are named and
/// record nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Operators_and_terminals_are_registered_through_the_gateway(GatewayFixture gateways)
{
    private GatewayClient Operations(City city) => gateways.Client(city, Role.Operations);

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}"[..24];

    private static RegisterOperatorBody Bus(string id) => new()
    {
        OperatorId = id, Name = "Luzhou Bus Company", Categories = [Category.Bus, Category.Coach], Bank = "ICBC Luzhou", AccountNumber = "6222020012345678",
    };

    [Fact]
    public async Task An_operator_is_registered_changed_and_suspended_with_its_account_masked_but_to_clearing()
    {
        var id = Unique("LZ-BUS");
        var registered = (await Operations(City.LZ).RegisterOperatorAsync(Bus(id), NewKey("op"))).Expect();
        Assert.Equal((OperatorStatus.Active, "************5678", "lz-operations"), (registered.Status, registered.Account.AccountNumber, registered.UpdatedBy));

        var changed = (await Operations(City.LZ).ChangeOperatorAsync(id, new ChangeOperatorBody
        {
            Name = "Luzhou Bus Group", Categories = [Category.Bus], Bank = "BOC Luzhou", AccountNumber = "4000111122223333",
        }, NewKey("op"))).Expect();
        Assert.Equal(("Luzhou Bus Group", "BOC Luzhou", 1), (changed.Name, changed.Account.Bank, changed.Categories.Count));

        var suspended = (await Operations(City.LZ).SetOperatorStatusAsync(id, "suspend", new RegistryStatusBody { Reason = "fees unpaid" }, NewKey("op"))).Expect();
        Assert.Equal(OperatorStatus.Suspended, suspended.Status);

        var asClearing = (await gateways.Client(City.LZ, Role.Clearing).GetOperatorAsync(id)).Expect();
        Assert.Equal("4000111122223333", asClearing.Account.AccountNumber);
        var asOperations = (await Operations(City.LZ).ListOperatorsAsync()).Expect().Operators.Single(o => o.OperatorId == id);
        Assert.Equal("************3333", asOperations.Account.AccountNumber);

        var history = (await Operations(City.LZ).RegistryHistoryAsync(limit: 1_000)).Expect().Changes.Where(c => c.Subject == $"operator:{id}").ToList();
        Assert.Equal(
            ["registry_operator_registered.v1", "registry_operator_changed.v1", "registry_operator_suspended.v1"],
            history.Select(c => c.Type));
        Assert.All(history, c => Assert.Equal("lz-operations", c.Actor));
    }

    [Fact]
    public async Task A_terminal_key_is_shown_once_a_retry_shows_none_and_a_rotation_makes_a_new_one()
    {
        var op = Unique("NJ-HOTEL");
        (await Operations(City.NJ).RegisterOperatorAsync(Bus(op) with { Categories = [Category.Hotel] }, NewKey("op"))).Expect();
        var terminal = Unique("NJ-T");
        var idempotency = NewKey("term");

        var first = await Operations(City.NJ).RegisterTerminalAsync(new RegisterTerminalBody { TerminalId = terminal, OperatorId = op }, idempotency);
        var issued = first.Expect();
        Assert.StartsWith($"tk:{terminal}.", issued.Key, StringComparison.Ordinal);
        Assert.Equal((TerminalStatus.Active, op), (issued.Terminal.Status, issued.Terminal.OperatorId));

        var retry = await Operations(City.NJ).RegisterTerminalAsync(new RegisterTerminalBody { TerminalId = terminal, OperatorId = op }, idempotency);
        Assert.True(retry.Replayed);
        Assert.Null(retry.Expect().Key);
        Assert.Equal(issued.Terminal.KeyFingerprint, retry.Expect().Terminal.KeyFingerprint);

        var rotated = (await Operations(City.NJ).RotateTerminalKeyAsync(terminal, NewKey("rot"))).Expect();
        Assert.NotEqual(issued.Key, rotated.Key);
        Assert.NotEqual(issued.Terminal.KeyFingerprint, rotated.Terminal.KeyFingerprint);

        var retired = (await Operations(City.NJ).SetTerminalStatusAsync(terminal, "retire", new RegistryStatusBody { Reason = "replaced" }, NewKey("ret"))).Expect();
        Assert.Equal(TerminalStatus.Retired, retired.Status);
        var again = await Operations(City.NJ).RotateTerminalKeyAsync(terminal, NewKey("rot"));
        Assert.Equal(("TerminalRetired", 409), (again.Problem?.Code, again.Problem?.Status));
        Assert.Equal(TerminalStatus.Retired, (await Operations(City.NJ).GetTerminalAsync(terminal)).Expect().Status);
    }

    [Fact]
    public async Task Refusals_are_named_and_change_nothing()
    {
        var op = Unique("YB-SHOP");
        var duplicate = NewKey("op");
        (await Operations(City.YB).RegisterOperatorAsync(Bus(op) with { Categories = [Category.Retail] }, duplicate)).Expect();
        var before = (await Operations(City.YB).RegistryHistoryAsync(limit: 1_000)).Expect().Changes.Count;

        var conflict = await Operations(City.YB).RegisterOperatorAsync(Bus(op) with { Name = "Another" }, duplicate);
        var twice = await Operations(City.YB).RegisterOperatorAsync(Bus(op), NewKey("op"));
        var noSuchOperator = await Operations(City.YB).RegisterTerminalAsync(new RegisterTerminalBody { TerminalId = Unique("YB-T"), OperatorId = "YB-NONE" }, NewKey("t"));
        var badAccount = await Operations(City.YB).RegisterOperatorAsync(Bus(Unique("YB-X")) with { AccountNumber = "12" }, NewKey("op"));
        var noCategory = await Operations(City.YB).RegisterOperatorAsync(Bus(Unique("YB-X")) with { Categories = [] }, NewKey("op"));
        var unknownTerminal = await Operations(City.YB).GetTerminalAsync("YB-NO-SUCH-TERMINAL");

        Assert.Equal(("OperationConflict", 409), (conflict.Problem?.Code, conflict.Problem?.Status));
        Assert.Equal(("OperatorAlreadyRegistered", 409), (twice.Problem?.Code, twice.Problem?.Status));
        Assert.Equal(("OperatorNotFound", 404), (noSuchOperator.Problem?.Code, noSuchOperator.Problem?.Status));
        Assert.Equal(("InvalidAccountNumber", 400), (badAccount.Problem?.Code, badAccount.Problem?.Status));
        Assert.Equal(("InvalidCategories", 400), (noCategory.Problem?.Code, noCategory.Problem?.Status));
        Assert.Equal(("TerminalNotFound", 404), (unknownTerminal.Problem?.Code, unknownTerminal.Problem?.Status));
        Assert.Equal(before, (await Operations(City.YB).RegistryHistoryAsync(limit: 1_000)).Expect().Changes.Count);
    }

    [Theory]
    [InlineData(Role.Terminal)]
    [InlineData(Role.ServiceDesk)]
    [InlineData(Role.Clearing)]
    public async Task Only_the_citys_operations_key_registers(Role role)
    {
        using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(
            HttpMethod.Post, "v1/operators", KeyOf(role == Role.Clearing ? null : City.ZG, role), NewKey("op"),
            """{"operatorId":"ZG-NOPE","name":"n","categories":["Bus"],"bank":"b","accountNumber":"12345678"}"""));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "RoleNotAllowed");
        var fromLuzhou = await gateways.Http(City.ZG).SendAsync(Requests.Json(
            HttpMethod.Post, "v1/operators", KeyOf(City.LZ, Role.Operations), NewKey("op"),
            """{"operatorId":"ZG-NOPE","name":"n","categories":["Bus"],"bank":"b","accountNumber":"12345678"}"""));
        await ProblemAssert.IsProblem(fromLuzhou, HttpStatusCode.Forbidden, "KeyForAnotherCity");
        Assert.DoesNotContain((await Operations(City.ZG).ListOperatorsAsync()).Expect().Operators, o => o.OperatorId == "ZG-NOPE");
    }
}
