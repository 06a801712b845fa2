using System.CommandLine;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// held | held release CARD: the cards whose postings the clearing house holds because their hash chain broke (a
/// stored event no longer matches its link), and their release by the region's clearing operators once the event has
/// been restored and the card's stream verifies again (docs/decisions/0035).
/// </summary>
internal static class HeldCardsCommand
{
    private static readonly Option<string?> CityOption = new("--city") { Description = $"The gateway to go through (default {ClearingCli.DefaultCity})" };

    public static Command Create()
    {
        var command = new Command("held", "The cards whose postings are held because their hash chain broke (a city's operations key or the clearing key)") { CityOption };
        command.SetAction(async (parse, ct) =>
        {
            if (!ClearingCli.TryCity(parse.GetValue(CityOption), out var city))
            {
                return ClearingCli.Usage($"--city is one of {string.Join(", ", Cities.All)}.");
            }

            using var gateways = CliOptions.Directory(parse);
            return Output.Print(await gateways.For(city, GatewayDirectory.Operations).GetClearingStatusAsync(ct), parse.GetValue(CliOptions.Json), status =>
            {
                var held = status.HeldCards ?? [];
                if (held.Count == 0)
                {
                    Console.WriteLine("No card's postings are held: every event read so far matched its chain.");
                }

                ClearingTables.HeldCards(Console.Out, held);
            });
        });
        command.Subcommands.Add(Release());
        return command;
    }

    private static Command Release()
    {
        var card = new Argument<string>("card") { Description = "The held card's number" };
        var key = new Option<string?>("--key") { Description = "The Idempotency-Key (default: a new one; reuse it to retry safely)" };
        var command = new Command("release", "Release a held card once its stream verifies again: its held events are posted (the region's clearing key)") { card, CityOption, key };
        command.SetAction(async (parse, ct) =>
        {
            if (!ClearingCli.TryCity(parse.GetValue(CityOption), out var city))
            {
                return ClearingCli.Usage($"--city is one of {string.Join(", ", Cities.All)}.");
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(city, GatewayDirectory.Clearing).ReleaseHeldCardAsync(parse.GetValue(card)!, ClearingCli.Key(parse.GetValue(key), "release"), ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), r => ClearingTables.Operation(Console.Out, r));
        });
        return command;
    }
}
