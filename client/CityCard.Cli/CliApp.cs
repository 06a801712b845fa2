using System.CommandLine;
using CityCard.Cli.Clearing;
using CityCard.Cli.Load;

namespace CityCard.Cli;

/// <summary>
/// citycard: operations' command line. It talks to the city gateways over HTTP, like any city system, with the keys
/// in endpoints.json (written by run.sh): so it is held to the same authentication, authorisation and limits, and
/// needs no access to the cluster's network.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("citycard: the CityCard operations command line, through the city gateways");
        root.Options.Add(CliOptions.Endpoints);
        root.Options.Add(CliOptions.Json);
        foreach (var command in CardCommands.All())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(PassCommands.Create());
        root.Subcommands.Add(PolicyCommands.Create());
        root.Subcommands.Add(HotlistCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(DisputeCommands.Create());
        root.Subcommands.Add(RegistryCommands.Operators());
        root.Subcommands.Add(RegistryCommands.Terminals());
        root.Subcommands.Add(ReconcileCommand.Create());
        root.Subcommands.Add(UploadCommand.Create());
        root.Subcommands.Add(IssueBatchCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(Seeds.SeedCommand.Create());
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(WindowCommand.Create());
        root.Subcommands.Add(HeldCardsCommand.Create());
        root.Subcommands.Add(SettlementCommand.Create());
        root.Subcommands.Add(TrialBalanceCommand.Create());
        root.Subcommands.Add(EndOfDayCommand.Create());

        try
        {
            // Our own handler below turns the failures an operator can fix into one line, without a stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is FileNotFoundException or HttpRequestException or InvalidOperationException or InvalidDataException or TaskCanceledException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"citycard: {ex.Message}");
            return 1;
        }
    }

    private static Command DemoCommand()
    {
        var dashboard = new Option<string?>("--dashboard") { Description = "The Orleans dashboard's address, to print at the end" };
        var command = new Command("demo", "Issue cards in all four cities and walk them through top-ups, cross-city charges, a retry, a reversal, a block, a refused tap and a replacement, through the gateways") { dashboard };
        command.SetAction(async (parse, _) =>
        {
            using var gateways = CliOptions.Directory(parse);
            await new Demo(gateways, Console.Out).RunAsync();
            if (parse.GetValue(dashboard) is { } url)
            {
                Console.WriteLine();
                Console.WriteLine($"Orleans dashboard: {url}");
            }

            return 0;
        });
        return command;
    }
}
