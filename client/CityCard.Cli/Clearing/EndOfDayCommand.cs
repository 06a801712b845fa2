using System.CommandLine;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// citycard end-of-day: the regional clearing operator's day's end, through the gateways with the region's clearing key
/// (docs/decisions/0040; it no longer joins the cluster).
/// </summary>
internal static class EndOfDayCommand
{
    public static Command Create()
    {
        var window = new Option<string?>("--window") { Description = "The business date to close, yyyy-MM-dd (default: the current window)" };
        var reports = new Option<string?>("--reports") { Description = "Write the settlement as JSON and CSV under this folder/<date>/" };
        var confirm = new Option<string?>("--confirm") { Description = "Record the settlement bank's confirmation with this reference" };
        var city = new Option<string?>("--city") { Description = $"The gateway to go through (default {ClearingCli.DefaultCity}; the clearing key works at all four)" };
        var command = new Command("end-of-day", "Close a clearing window, wait for it, print and write its settlement, and optionally record the bank's confirmation")
        {
            window, reports, confirm, city,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!ClearingCli.TryCity(parse.GetValue(city), out var via) || !ClearingCli.TryWindow(parse.GetValue(window), out var day))
            {
                return ClearingCli.Usage($"--window is a business date, yyyy-MM-dd; --city is one of {string.Join(", ", Cities.All)}.");
            }

            using var gateways = CliOptions.Directory(parse);
            await new EndOfDay(gateways, via, Console.Out, parse.GetValue(reports), parse.GetValue(confirm)).RunAsync(day, ct);
            return 0;
        });
        return command;
    }
}
