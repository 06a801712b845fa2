using System.CommandLine;
using System.Globalization;
using CityCard.Client;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// policy simulate: a draft of a city's policy file tried on the rides the city charged in a period (decision 0062),
/// through the city's gateway with its operations key; the report beside what was charged. Writes nothing.
/// </summary>
internal static class PolicyCommands
{
    public static Command Create()
    {
        var command = new Command("policy", "Try a draft of a city's fare policy on recorded rides");
        command.Subcommands.Add(Simulate());
        return command;
    }

    private static Command Simulate()
    {
        var city = new Option<string>("--city") { Description = "The city whose policy the draft changes (its gateway answers, with its operations key)", Required = true };
        var draft = new Option<FileInfo>("--draft") { Description = "The draft: the city's whole policy file, its newest version the change tried", Required = true };
        var from = new Option<string>("--from") { Description = "The period's first day (yyyy-MM-dd, CST)", Required = true };
        var to = new Option<string>("--to") { Description = "The period's last day (yyyy-MM-dd, CST; at most 92 days in all)", Required = true };
        var command = new Command("simulate", "Reprice every ride the city charged in the period under the draft, beside what was charged (writes nothing)")
        {
            city, draft, from, to,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!Cities.TryParse(parse.GetValue(city), out var gatewayCity))
            {
                return Usage($"--city is one of {string.Join(", ", Cities.All)}.");
            }

            if (!TryDate(parse.GetValue(from), out var first) || !TryDate(parse.GetValue(to), out var last))
            {
                return Usage("--from and --to are yyyy-MM-dd.");
            }

            var file = parse.GetValue(draft)!;
            if (!file.Exists)
            {
                return Usage($"No draft file at {file.FullName}.");
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(gatewayCity, GatewayDirectory.Operations)
                .SimulatePolicyAsync(await File.ReadAllTextAsync(file.FullName, ct), first, last, ct);
            if (result.Problem is { Code: "InvalidPolicyDraft" } problem && !parse.GetValue(CliOptions.Json))
            {
                Console.Error.WriteLine($"refused: {problem.Status} {problem.Code}: {problem.Detail}");
                if (problem.Extensions?.GetValueOrDefault("errors") is { ValueKind: System.Text.Json.JsonValueKind.Array } errors)
                {
                    foreach (var error in errors.EnumerateArray())
                    {
                        Console.Error.WriteLine($"  {Text(error, "file")} {Text(error, "path")}: {Text(error, "code")}: {Text(error, "message")}");
                    }
                }

                return 1;
            }

            return Output.Print(result, parse.GetValue(CliOptions.Json), SimulationTables.Print);
        });
        return command;
    }

    private static string Text(System.Text.Json.JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.ToString() : string.Empty;

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
