using System.CommandLine;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>hotlist: the cards terminals must refuse, in full or as the changes since a version.</summary>
internal static class HotlistCommand
{
    public static Command Create()
    {
        var since = new Option<long?>("--since") { Description = "Only the changes after this version (what a terminal polls)" };
        var city = new Option<string>("--city") { Description = "Whose gateway to ask (the list is the region's)", DefaultValueFactory = _ => "ZG" };
        var command = new Command("hotlist", "The region's hotlist: every blocked, replaced or closed card, or the changes since a version") { since, city };
        command.SetAction(async (parse, ct) =>
        {
            if (!Cities.TryParse(parse.GetValue(city), out var at))
            {
                Console.Error.WriteLine($"--city must be one of {string.Join(", ", Cities.All)}.");
                return 2;
            }

            using var gateways = CliOptions.Directory(parse);
            var client = gateways.For(at, GatewayDirectory.Operations);
            var json = parse.GetValue(CliOptions.Json);
            if (parse.GetValue(since) is { } version)
            {
                return Output.Print(await client.GetHotlistChangesAsync(version, ct: ct), json, changes =>
                {
                    Console.WriteLine($"changes after version {changes.SinceVersion} up to {changes.ToVersion}{(changes.More ? " (more: ask again since " + changes.ToVersion + ")" : "")}");
                    TablePrinter.Print(Console.Out, ["version", "card", "action", "reason", "recorded (CST)"], changes.Changes.Select(c => (IReadOnlyList<string>)[
                        Output.Number(c.Version), c.Card.Value, c.Action.ToString(), c.Reason.ToString(), c.RecordedAt.ToChinaTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)]));
                });
            }

            return await FullList(client, json, ct);
        });
        return command;
    }

    /// <summary>Every page of one version, as a terminal downloads it.</summary>
    private static async Task<int> FullList(GatewayClient client, bool json, CancellationToken ct)
    {
        var entries = new List<HotlistEntry>();
        long? asOf = null;
        string? after = null;
        do
        {
            var page = await client.GetHotlistAsync(asOf, after, ct: ct);
            if (!page.IsSuccess)
            {
                return Output.Print(page, json, _ => { });
            }

            entries.AddRange(page.Value!.Entries);
            asOf = page.Value.AsOfVersion;
            after = page.Value.NextAfter?.Value;
        }
        while (after is not null);

        var full = new HotlistPage(asOf ?? 0, entries, null);
        return Output.Print(new GatewayResult<HotlistPage>(full, null, false), json, list =>
        {
            Console.WriteLine($"hotlist as of version {list.AsOfVersion}: {list.Entries.Count} cards");
            TablePrinter.Print(Console.Out, ["card", "reason", "since (CST)", "version"], list.Entries.Select(e => (IReadOnlyList<string>)[
                e.Card.Value, e.Reason.ToString(), e.Since.ToChinaTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Output.Number(e.Version)]));
        });
    }
}
