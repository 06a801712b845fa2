using System.Net;
using System.Text.Json;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Http;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// A registered terminal's own key over real HTTP (decision 0091): charging as another terminal, for another operator,
/// or in a category its operator may not charge is a named refusal and the card is unchanged; in a batch, those records
/// are invalid and the rest charged; a rotated key is 401 and the new one works; a retired terminal's tap is refused and
/// recorded in the registry; a suspended operator's terminal charges nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class A_terminal_key_acts_only_as_its_terminal(GatewayFixture gateways)
{
    private GatewayClient Operations => gateways.Client(City.ZG, Role.Operations);

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}"[..24];

    private async Task<(string Operator, string Terminal, string Key)> RegisteredShopAsync(Category category = Category.Retail)
    {
        var op = Unique("ZG-SHOP");
        (await Operations.RegisterOperatorAsync(new RegisterOperatorBody
        {
            OperatorId = op, Name = "A Zigong shop", Categories = [category], Bank = "ICBC Zigong", AccountNumber = "6222020099998888",
        }, NewKey("op"))).Expect();
        var terminal = Unique("ZG-T");
        var issued = (await Operations.RegisterTerminalAsync(new RegisterTerminalBody { TerminalId = terminal, OperatorId = op }, NewKey("t"))).Expect();
        return (op, terminal, issued.Key!);
    }

    private async Task<HttpResponseMessage> ChargeAsync(string key, string card, string terminal, string merchant, string category = "Retail", long sequence = 1) =>
        await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", key, NewKey("c"),
            $$"""{"amount":100,"merchantId":"{{merchant}}","category":"{{category}}","terminalId":"{{terminal}}","terminalSequence":{{sequence}},"tappedAt":"{{Requests.Now()}}"}"""));

    [Fact]
    public async Task Charging_as_another_terminal_operator_or_category_is_refused_and_changes_nothing()
    {
        var (op, terminal, key) = await RegisteredShopAsync();
        var (_, other, _) = await RegisteredShopAsync();
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var before = await RegionState.CaptureAsync(gateways, card);

        await ProblemAssert.IsProblem(await ChargeAsync(key, card, other, op), HttpStatusCode.Forbidden, "TerminalMismatch");
        await ProblemAssert.IsProblem(await ChargeAsync(key, card, terminal, "ZG-SOMEONE-ELSE"), HttpStatusCode.Forbidden, "OperatorMismatch");
        await ProblemAssert.IsProblem(await ChargeAsync(key, card, terminal, op, "Hotel"), HttpStatusCode.UnprocessableEntity, "CategoryNotAllowed");

        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));

        var own = await ChargeAsync(key, card, terminal, op);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(3L, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task In_a_batch_the_records_it_may_not_make_are_invalid_and_the_rest_are_charged()
    {
        var (op, terminal, key) = await RegisteredShopAsync();
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var csv = "card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n"
            + $"{card},100,{op},Retail,{terminal},1,{Requests.Now()}\n"
            + $"{card},100,{op},Retail,ZG-NOT-MINE,2,{Requests.Now()}\n"
            + $"{card},100,ZG-OTHER-SHOP,Retail,{terminal},3,{Requests.Now()}\n"
            + $"{card},100,{op},Hotel,{terminal},4,{Requests.Now()}\n";

        using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, "v1/tap-batches", key, null, csv, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("outcome").GetString(), r.GetProperty("code").GetString())).ToList();

        Assert.Equal([("Accepted", null), ("Invalid", "TerminalMismatch"), ("Invalid", "OperatorMismatch"), ("Invalid", "CategoryNotAllowed")], results);
        Assert.Equal(3L, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_rotated_key_is_refused_and_the_new_one_works()
    {
        var (op, terminal, oldKey) = await RegisteredShopAsync();
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var newKey = (await Operations.RotateTerminalKeyAsync(terminal, NewKey("rot"))).Expect().Key!;

        await ProblemAssert.IsProblem(await ChargeAsync(oldKey, card, terminal, op), HttpStatusCode.Unauthorized, "InvalidApiKey");
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(HttpStatusCode.OK, (await ChargeAsync(newKey, card, terminal, op)).StatusCode);
        Assert.Equal(3L, await gateways.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_retired_terminals_tap_is_refused_and_recorded()
    {
        var (op, terminal, key) = await RegisteredShopAsync();
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        (await Operations.SetTerminalStatusAsync(terminal, "retire", new RegistryStatusBody { Reason = "stolen from the shop" }, NewKey("ret"))).Expect();

        await ProblemAssert.IsProblem(await ChargeAsync(key, card, terminal, op, sequence: 41), HttpStatusCode.Forbidden, "TerminalNotActive");
        await ProblemAssert.IsProblem(await ChargeAsync(key, card, terminal, op, sequence: 41), HttpStatusCode.Forbidden, "TerminalNotActive");

        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(1L, (await Operations.GetTerminalAsync(terminal)).Expect().RefusedTaps);
        var refused = (await Operations.RegistryHistoryAsync(limit: 1_000)).Expect().Changes
            .Where(c => c.Subject == $"terminal:{terminal}" && c.Type == "registry_terminal_tap_refused.v1").ToList();
        Assert.Equal($"refused:{terminal}:41", Assert.Single(refused).OperationId);
    }

    [Fact]
    public async Task A_suspended_operators_terminal_charges_nothing_until_it_is_reinstated()
    {
        var (op, terminal, key) = await RegisteredShopAsync();
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        (await Operations.SetOperatorStatusAsync(op, "suspend", new RegistryStatusBody { Reason = "licence lapsed" }, NewKey("s"))).Expect();

        await ProblemAssert.IsProblem(await ChargeAsync(key, card, terminal, op, sequence: 5), HttpStatusCode.Forbidden, "TerminalNotActive");
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));

        (await Operations.SetOperatorStatusAsync(op, "reinstate", new RegistryStatusBody { Reason = "renewed" }, NewKey("s"))).Expect();
        Assert.Equal(HttpStatusCode.OK, (await ChargeAsync(key, card, terminal, op, sequence: 6)).StatusCode);
    }

    [Fact]
    public void The_binding_is_checked_status_first_then_terminal_operator_and_category()
    {
        var terminal = new TerminalCredential(City.LZ, "LZ-T1", "LZ-BUS", TerminalStatus.Active, OperatorStatus.Active, [Category.Bus, Category.Coach], new string('a', 64));

        Assert.Null(TerminalBinding.Check(terminal, "LZ-T1", "LZ-BUS", Category.Coach));
        Assert.Equal("TerminalMismatch", TerminalBinding.Check(terminal, "LZ-T2", "LZ-OTHER", Category.Hotel)?.Code);
        Assert.Equal("OperatorMismatch", TerminalBinding.Check(terminal, "LZ-T1", "LZ-OTHER", Category.Hotel)?.Code);
        Assert.Equal(("CategoryNotAllowed", 422), (TerminalBinding.Check(terminal, "LZ-T1", "LZ-BUS", Category.Hotel)?.Code, TerminalBinding.Check(terminal, "LZ-T1", "LZ-BUS", Category.Hotel)?.Status));
        Assert.Equal("TerminalNotActive", TerminalBinding.Check(terminal with { Status = TerminalStatus.Suspended }, "LZ-T2", "LZ-BUS", Category.Bus)?.Code);
        Assert.Equal("TerminalNotActive", TerminalBinding.Check(terminal with { OperatorStatus = OperatorStatus.Suspended }, "LZ-T1", "LZ-BUS", Category.Bus)?.Code);
    }

    [Fact]
    public void City_wide_terminal_keys_are_left_out_when_the_setting_says_so()
    {
        var hash = new byte[32];
        var keys = new[] { new ApiKey("zg-terminal", City.ZG, Role.Terminal, hash), new ApiKey("zg-operations", City.ZG, Role.Operations, hash) };
        var settings = new GatewaySettings(City.ZG, keys, GatewayClustering.Localhost, [30000], "c", "s", null, 16, TimeSpan.FromSeconds(3), null!, null!, null);

        Assert.Equal(["zg-terminal", "zg-operations"], settings.AcceptedKeys.Select(k => k.Id));
        Assert.Equal(["zg-operations"], (settings with { AllowCityTerminalKeys = false }).AcceptedKeys.Select(k => k.Id));
    }
}

