using System.CommandLine;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Cli;

/// <summary>
/// pass sell | refund | list | apportion: passes at the card issuer's service desk (decision 0060), the passes on sale,
/// and the clearing operators' apportionment run (decision 0061).
/// </summary>
internal static class PassCommands
{
    private static readonly Argument<string> CardArgument = new("card") { Description = "The card number, e.g. ZG0000001230" };
    private static readonly Option<string?> KeyOption = new("--key") { Description = "The Idempotency-Key (default: a new one; reuse it to retry safely). A sale's key names the pass." };

    public static Command Create()
    {
        var command = new Command("pass", "Sell or refund a card's pass, list the passes on sale, run the apportionment");
        command.Subcommands.Add(Sell());
        command.Subcommands.Add(Refund());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Apportion());
        return command;
    }

    private static Command Sell()
    {
        var definedBy = new Option<string>("--defined-by") { Description = "The city whose policy defines the pass (ZG, LZ, NJ, YB) or region", DefaultValueFactory = _ => "region" };
        var product = new Option<string>("--product") { Description = "The pass product, e.g. zg-monthly, regional-bus-30, scenic-park-12", Required = true };
        var month = new Option<string?>("--month") { Description = "For a monthly pass, its month (yyyy-MM): the current or the next" };
        var command = new Command("sell", "Sell a pass to a card at its issuer's service desk, paid from the balance (top the card up first for cash)")
        {
            CardArgument, definedBy, product, month, KeyOption,
        };
        command.SetAction((parse, ct) => OnCard(parse, (client, card) => client.SellPassAsync(
            card,
            new SellPassBody { DefinedBy = parse.GetValue(definedBy)!, Product = parse.GetValue(product)!, Month = parse.GetValue(month) },
            parse.GetValue(KeyOption) ?? $"cli-pass-{Guid.NewGuid():N}",
            ct)));
        return command;
    }

    private static Command Refund()
    {
        var pass = new Argument<string>("pass") { Description = "The pass: the Idempotency-Key it was sold with" };
        var command = new Command("refund", "Refund a pass pro rata to the card's balance, less the policy's fee") { CardArgument, pass, KeyOption };
        command.SetAction((parse, ct) => OnCard(parse, (client, card) =>
            client.RefundPassAsync(card, parse.GetValue(pass)!, parse.GetValue(KeyOption) ?? $"cli-pass-refund-{Guid.NewGuid():N}", ct)));
        return command;
    }

    private static Command List()
    {
        var city = new Option<string>("--city") { Description = "The city whose gateway answers (its passes and the region's)", Required = true };
        var on = new Option<string?>("--on") { Description = "The date (yyyy-MM-dd, CST; default today)" };
        var command = new Command("list", "The passes a city and the region sell on a date") { city, on };
        command.SetAction(async (parse, ct) =>
        {
            if (!Cities.TryParse(parse.GetValue(city), out var gatewayCity))
            {
                return Usage($"--city is one of {string.Join(", ", Cities.All)}.");
            }

            DateOnly? day = null;
            if (parse.GetValue(on) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var parsed))
                {
                    return Usage("--on is yyyy-MM-dd.");
                }

                day = parsed;
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(gatewayCity, GatewayDirectory.ServiceDesk).GetPassesAsync(day, ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), c => TablePrinter.Print(
                Console.Out,
                ["pass", "by", "name", "validity", "covers", "prices", "refund fee"],
                [.. c.Passes.Select(p => new[]
                {
                    p.Id, p.DefinedBy, p.Name, p.Days > 0 ? $"{p.Validity} {p.Days}d" : p.Validity,
                    string.Join(" ", p.Cities) + ": " + string.Join(" ", p.Modes.Concat(p.Categories)) + (p.Entries is { } n ? $" ({n} entries)" : string.Empty),
                    string.Join(", ", p.Prices.Select(x => $"{x.Product.Value} {x.Price}")),
                    p.RefundFee.ToString(),
                })]));
        });
        return command;
    }

    private static Command Apportion()
    {
        var city = new Option<string>("--city") { Description = "Any city's gateway (the clearing key works at every one)", DefaultValueFactory = _ => "ZG" };
        var command = new Command("apportion", "Apportion every pass slice that has ended (the clearing operators' run, before a window closes)") { city, KeyOption };
        command.SetAction(async (parse, ct) =>
        {
            if (!Cities.TryParse(parse.GetValue(city), out var gatewayCity))
            {
                return Usage($"--city is one of {string.Join(", ", Cities.All)}.");
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(gatewayCity, GatewayDirectory.Clearing)
                .ApportionPassesAsync(parse.GetValue(KeyOption) ?? $"cli-apportion-{Guid.NewGuid():N}", ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), r => TablePrinter.Print(
                Console.Out,
                ["run", "cards", "apportioned", "nothing due", "refused"],
                [[r.RunId, Output.Number(r.Cards), Output.Number(r.Apportioned), Output.Number(r.NothingDue), Output.Number(r.Refused)]]));
        });
        return command;
    }

    private static async Task<int> OnCard(ParseResult parse, Func<GatewayClient, string, Task<GatewayResult<CardOperationResponse>>> call)
    {
        if (!CardNumber.TryParse(parse.GetValue(CardArgument), out var card))
        {
            return Usage($"'{parse.GetValue(CardArgument)}' is not a card number (two city letters, nine digits, a check digit).");
        }

        using var gateways = CliOptions.Directory(parse);
        var result = await call(gateways.For(card.Issuer, GatewayDirectory.ServiceDesk), card.Value);
        return Output.Print(result, parse.GetValue(CliOptions.Json), r => Output.Operation(r, card.Value));
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
