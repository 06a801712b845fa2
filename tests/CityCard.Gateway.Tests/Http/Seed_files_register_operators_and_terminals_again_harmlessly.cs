using System.Net;
using System.Text.Json.Nodes;
using CityCard.Cli;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Http;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// citycard seed over real HTTP (decision 0094): a seed file's operator and terminal are registered with the city's
/// operations key; the endpoints file keeps its keys and gains the terminal's own key, which charges as its terminal;
/// run again (as ./run.sh is, on a restart), it fails on nothing, registers nothing twice, and rotates the key.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Seed_files_register_operators_and_terminals_again_harmlessly(GatewayFixture gateways) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("citycard-seed-").FullName;

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_second_run_registers_nothing_twice_and_gives_the_terminal_a_new_key()
    {
        var op = Unique("NJ-SEED");
        var terminal = Unique("NJ-ST");
        Directory.CreateDirectory(Path.Combine(folder, "seeds"));
        await File.WriteAllTextAsync(Path.Combine(folder, "seeds", "nj.json"), $$"""
            {"city": "NJ",
             "operators": [{"operatorId": "{{op}}", "name": "A Neijiang shop", "categories": ["Retail"], "bank": "NJ Bank", "accountNumber": "6230001122334455"}],
             "terminals": [{"terminalId": "{{terminal}}", "operatorId": "{{op}}"}]}
            """);
        var endpoints = Path.Combine(folder, "endpoints.json");
        var cityKeys = new JsonObject { ["terminal"] = KeyOf(City.NJ, Role.Terminal), ["operations"] = KeyOf(City.NJ, Role.Operations) };
        await File.WriteAllTextAsync(endpoints, new JsonObject
        {
            ["NJ"] = new JsonObject { ["baseUrl"] = gateways.Http(City.NJ).BaseAddress!.ToString(), ["keys"] = cityKeys },
        }.ToJsonString());

        Assert.Equal(0, await SeedAsync(endpoints));
        var first = await File.ReadAllTextAsync(endpoints);
        var firstKey = KeyIn(first, terminal);
        Assert.StartsWith($"tk:{terminal}.", firstKey, StringComparison.Ordinal);
        Assert.Equal(KeyOf(City.NJ, Role.Terminal), JsonNode.Parse(first)!["NJ"]!["keys"]!["terminal"]!.GetValue<string>());
        var card = await gateways.NewActiveCardAsync(City.NJ, 5_000);
        (await ChargeAsync(firstKey, card, op, terminal, 1)).Expect();

        // Again, as a restart of ./run.sh on the same database: nothing fails, nothing is registered twice, a new key.
        Assert.Equal(0, await SeedAsync(endpoints));
        var secondKey = KeyIn(await File.ReadAllTextAsync(endpoints), terminal);
        Assert.NotEqual(firstKey, secondKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode)(await ChargeAsync(firstKey, card, op, terminal, 2)).Problem!.Status);
        (await ChargeAsync(secondKey, card, op, terminal, 3)).Expect();
        var operations = gateways.Client(City.NJ, Role.Operations);
        Assert.Single((await operations.ListOperatorsAsync()).Expect().Operators, o => o.OperatorId == op);
        Assert.Single((await operations.ListTerminalsAsync()).Expect().Terminals, t => t.TerminalId == terminal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<int> SeedAsync(string endpoints) =>
        CliApp.RunAsync(["seed", "--endpoints", endpoints, "--seeds", Path.Combine(folder, "seeds"), "--write-keys"]);

    private static string KeyIn(string endpoints, string terminal) =>
        JsonNode.Parse(endpoints)!["NJ"]!["terminalKeys"]![terminal]!.GetValue<string>();

    private Task<GatewayResult<CardOperationResponse>> ChargeAsync(string key, string card, string op, string terminal, long sequence) =>
        new GatewayClient(gateways.Http(City.NJ), key).ChargeAsync(
            card,
            new ChargeBody { Amount = 100, MerchantId = op, Category = Category.Retail, TerminalId = terminal, TerminalSequence = sequence, TappedAt = DateTimeOffset.UtcNow },
            NewKey("seeded-tap"));
}
