using System.CommandLine;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>trial-balance: one city's ledger, now or as of a moment, from its gateway with its operations key.</summary>
internal static class TrialBalanceCommand
{
    public static Command Create()
    {
        var city = new Option<string?>("--city") { Description = $"Whose ledger (default {ClearingCli.DefaultCity}); each city reads only its own" };
        var asOf = new Option<string?>("--as-of") { Description = "The ledger as the postings recorded up to this moment left it, ISO 8601 with offset" };
        var command = new Command("trial-balance", "A city's ledger as a trial balance: every account, debits equal to credits") { city, asOf };
        command.SetAction(async (parse, ct) =>
        {
            if (!ClearingCli.TryCity(parse.GetValue(city), out var whose) || !ClearingCli.TryMoment(parse.GetValue(asOf), out var moment))
            {
                return ClearingCli.Usage($"--city is one of {string.Join(", ", Cities.All)}; --as-of is ISO 8601 with an offset.");
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(whose, GatewayDirectory.Operations).GetTrialBalanceAsync(moment, ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), b => ClearingTables.TrialBalance(Console.Out, b));
        });
        return command;
    }
}
