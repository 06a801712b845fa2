using System.CommandLine;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// settlement: a closed window's settlement. Without --city, the region's report (the clearing key: it holds every
/// city's payouts); with --city, that city's own statement (its operations key, at its gateway). Tables by default,
/// the gateway's JSON with --json or its CSV with --csv, and the JSON and CSV files under --out/&lt;date&gt;/.
/// </summary>
internal static class SettlementCommand
{
    public static Command Create()
    {
        var window = new Argument<string>("window") { Description = "The closed window's business date, yyyy-MM-dd" };
        var city = new Option<string?>("--city") { Description = "One city's statement, from its gateway with its operations key (default: the region's report)" };
        var csv = new Option<bool>("--csv") { Description = "Print the gateway's CSV (one measure per row) instead of tables" };
        var output = new Option<string?>("--out") { Description = "Also write the JSON and CSV files under this folder/<date>/ (the region's: region.* and one pair per city)" };
        var command = new Command("settlement", "A closed window's settlement: the region's report, or one city's statement") { window, city, csv, output };
        command.SetAction(async (parse, ct) =>
        {
            City? only = null;
            if (parse.GetValue(city) is { } text)
            {
                if (!Cities.TryParse(text, out var parsed))
                {
                    return ClearingCli.Usage($"--city must be one of {string.Join(", ", Cities.All)}.");
                }

                only = parsed;
            }

            if (!ClearingCli.TryWindow(parse.GetValue(window), out var given) || given is not { } date)
            {
                return ClearingCli.Usage("A window is a business date, yyyy-MM-dd.");
            }

            var json = parse.GetValue(CliOptions.Json);
            if (json && parse.GetValue(csv))
            {
                return ClearingCli.Usage("Choose one of --json and --csv.");
            }

            using var gateways = CliOptions.Directory(parse);
            var client = only is { } c ? gateways.For(c, GatewayDirectory.Operations) : gateways.For(Cities.All[0], GatewayDirectory.Clearing);
            var report = only is null ? await client.GetSettlementAsync(date, ct) : await client.GetStatementAsync(date, ct);
            if (report.IsSuccess && parse.GetValue(output) is { } folder)
            {
                var files = only is { } one
                    ? await SettlementReportFiles.WriteStatementAsync(report.Value!, one, folder)
                    : await SettlementReportFiles.WriteAsync(report.Value!, folder);
                Console.Error.WriteLine($"Written: {string.Join(", ", files.Select(Path.GetFileName))} in {Path.GetDirectoryName(files[0])}");
            }

            if (report.IsSuccess && parse.GetValue(csv))
            {
                var rows = only is null ? await client.GetSettlementCsvAsync(date, ct) : await client.GetStatementCsvAsync(date, ct);
                return Output.Print(rows, json: false, body => Console.Write(body));
            }

            return Output.Print(report, json, r => ClearingTables.Settlement(Console.Out, r));
        });
        return command;
    }
}
