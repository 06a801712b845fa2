using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CityCard.Cli.Seeds;

/// <summary>
/// seed: registers every city's seed file (operators and terminals) through the gateways, idempotently; with
/// --write-keys, adds each terminal's own key to the endpoints file, under the city's <c>terminalKeys</c> (the
/// existing entries stay as they are). docs/decisions/0094.
/// </summary>
internal static class SeedCommand
{
    public static Option<string> Seeds { get; } = new("--seeds")
    {
        Description = $"The folder of seed files, one per city ({SeedFile.DefaultDirectory}/zg.json …)",
        DefaultValueFactory = _ => SeedFile.DefaultDirectory,
    };

    public static Command Create()
    {
        var writeKeys = new Option<bool>("--write-keys") { Description = "Add each seeded terminal's key to the endpoints file (terminalKeys); keys of terminals registered earlier are rotated" };
        var command = new Command("seed", "Register the operators and terminals of the seed files in every city's registry (again harmlessly)") { Seeds, writeKeys };
        command.SetAction(async (parse, ct) =>
        {
            var endpoints = parse.GetValue(CliOptions.Endpoints)!;
            using var gateways = CliOptions.Directory(parse);
            var keys = await new SeedRegistration(gateways, Console.Out).RegisterAsync(parse.GetValue(Seeds)!, parse.GetValue(writeKeys), ct);
            if (parse.GetValue(writeKeys))
            {
                var root = JsonNode.Parse(await File.ReadAllTextAsync(endpoints, ct))!.AsObject();
                foreach (var (city, terminals) in keys)
                {
                    root[city.ToString()]!["terminalKeys"] = new JsonObject(terminals.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
                }

                await File.WriteAllTextAsync(endpoints, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);
            }

            return 0;
        });
        return command;
    }
}
