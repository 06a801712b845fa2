using System.CommandLine;
using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// disputes open|review|uphold|reject|show|list: a case through the gateways of the cities that work it. The card's
/// issuer opens it at its service desk; the charge's city reviews and decides it with its operations key (the CLI
/// finds that city from the case, asked of the city that opened it, unless --city says).
/// </summary>
internal static class DisputeCommands
{
    private static readonly Argument<string> CaseArgument = new("case") { Description = "The case id, e.g. YB:walkthrough-1 (the opening city and its Idempotency-Key)" };
    private static readonly Option<string?> KeyOption = new("--key") { Description = "The Idempotency-Key (default: a new one; reuse it to retry safely)" };
    private static readonly Option<string?> CityOption = new("--city") { Description = "The city whose operations key acts (default: the charge's city, read from the case)" };

    public static Command Create()
    {
        var command = new Command("disputes", "Dispute cases: open one against a charge, review it, uphold (refund) or reject it, show or list them");
        command.Subcommands.Add(Open());
        command.Subcommands.Add(Step("review", "Take up a case against a charge made in this city", "--note", "What is being checked",
            (c, id, text, _, key, ct) => c.ReviewDisputeAsync(id, new ReviewDisputeBody { Note = text }, key, ct)));
        command.Subcommands.Add(Step("uphold", "Uphold a case under review: the card is refunded --amount fen (default: all that is left of the charge)", "--reason", "Why",
            (c, id, text, amount, key, ct) => c.UpholdDisputeAsync(id, new UpholdDisputeBody { Amount = amount, Reason = text }, key, ct), withAmount: true));
        command.Subcommands.Add(Step("reject", "Reject a case under review: the charge stands", "--reason", "Why",
            (c, id, text, _, key, ct) => c.RejectDisputeAsync(id, new RejectDisputeBody { Reason = text }, key, ct)));
        command.Subcommands.Add(Show());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Open()
    {
        var card = new Argument<string>("card") { Description = "The card (its issuer's service desk opens the case)" };
        var charge = new Option<string>("--charge") { Description = "The charge's operation id, as the card's history shows it", Required = true };
        var reason = new Option<string>("--reason") { Description = "The holder's complaint", Required = true };
        var evidence = new Option<string>("--evidence") { Description = "What the desk saw or took", Required = true };
        var key = new Option<string?>("--key") { Description = $"Names the case: {{city}}:{{key}}, at most {DisputeIds.MaxKeyLength} characters (default: a new one)" };
        var command = new Command("open", "Open a case against one charge of one of this city's cards, at its service desk") { card, charge, reason, evidence, key };
        command.SetAction(async (parse, ct) =>
        {
            if (!CardNumber.TryParse(parse.GetValue(card), out var number))
            {
                Console.Error.WriteLine($"'{parse.GetValue(card)}' is not a card number.");
                return 2;
            }

            using var gateways = CliOptions.Directory(parse);
            var body = new OpenDisputeBody { ChargeOperationId = parse.GetValue(charge)!, Reason = parse.GetValue(reason)!, Evidence = parse.GetValue(evidence)! };
            var result = await gateways.For(number.Issuer, GatewayDirectory.ServiceDesk).OpenDisputeAsync(number.Value, body, parse.GetValue(key) ?? $"case-{Guid.NewGuid():N}"[..20], ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), c => Print(c, result.Replayed));
        });
        return command;
    }

    private static Command Step(
        string name, string description, string textOption, string textDescription,
        Func<GatewayClient, string, string, long?, string, CancellationToken, Task<GatewayResult<DisputeCase>>> call, bool withAmount = false)
    {
        var text = new Option<string>(textOption) { Description = textDescription, Required = true };
        var amount = new Option<long?>("--amount") { Description = "The refund in fen (default: all that is left of the charge)" };
        var command = new Command(name, description) { CaseArgument, text, CityOption, KeyOption };
        if (withAmount)
        {
            command.Options.Add(amount);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var gateways = CliOptions.Directory(parse);
            var caseId = parse.GetValue(CaseArgument)!;
            if (await ActingCityAsync(gateways, caseId, parse.GetValue(CityOption), ct) is not { } city)
            {
                return 2;
            }

            var result = await call(gateways.For(city, GatewayDirectory.Operations), caseId, parse.GetValue(text)!, withAmount ? parse.GetValue(amount) : null, parse.GetValue(KeyOption) ?? $"cli-{name}-{Guid.NewGuid():N}", ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), c => Print(c, result.Replayed));
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "A case with every step: who, when, why (asked of the city that opened it unless --city)") { CaseArgument, CityOption };
        command.SetAction(async (parse, ct) =>
        {
            using var gateways = CliOptions.Directory(parse);
            var caseId = parse.GetValue(CaseArgument)!;
            if (CityOf(caseId, parse.GetValue(CityOption)) is not { } city)
            {
                return 2;
            }

            var result = await gateways.For(city, GatewayDirectory.Operations).GetDisputeAsync(caseId, ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), c => Print(c, false));
        });
        return command;
    }

    private static Command List()
    {
        var city = new Option<string>("--city") { Description = "The city whose cases to list (as issuer or as the charge's city)", Required = true };
        var status = new Option<DisputeStatus?>("--status") { Description = "Open, UnderReview, Upheld or Rejected (default: all)" };
        var command = new Command("list", "The cases a city is party to") { city, status };
        command.SetAction(async (parse, ct) =>
        {
            if (!Cities.TryParse(parse.GetValue(city), out var at))
            {
                Console.Error.WriteLine($"--city must be one of {string.Join(", ", Cities.All)}.");
                return 2;
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(at, GatewayDirectory.Operations).ListDisputesAsync(parse.GetValue(status), limit: 500, ct: ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), page => TablePrinter.Print(
                Console.Out,
                ["case", "card", "charge", "issuer", "charge city", "status", "charged", "refund", "opened (CST)"],
                page.Cases.Select(c => (IReadOnlyList<string>)[
                    c.CaseId, c.Card.Value, c.ChargeOperationId, c.Issuer.ToString(), c.Acquirer.ToString(), c.Status.ToString(), c.ChargeAmount.ToString(),
                    c.RefundAmount?.ToString() ?? "", c.OpenedAt.ToChinaTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)])));
        });
        return command;
    }

    /// <summary>The charge's city, read from the case as the city that opened it sees it, unless given.</summary>
    private static async Task<City?> ActingCityAsync(GatewayDirectory gateways, string caseId, string? given, CancellationToken ct)
    {
        if (given is not null || CityOf(caseId, null) is not { } opener)
        {
            return CityOf(caseId, given);
        }

        var found = await gateways.For(opener, GatewayDirectory.Operations).GetDisputeAsync(caseId, ct);
        if (found.Problem is { } problem)
        {
            Console.Error.WriteLine($"refused: {problem.Status} {problem.Code}: {problem.Detail}");
            return null;
        }

        return found.Value!.Acquirer;
    }

    private static City? CityOf(string caseId, string? given)
    {
        var text = given ?? caseId.Split(':')[0];
        if (Cities.TryParse(text, out var city))
        {
            return city;
        }

        Console.Error.WriteLine(given is null ? $"The case id '{caseId}' does not start with a city code: give --city." : $"--city must be one of {string.Join(", ", Cities.All)}.");
        return null;
    }

    private static void Print(DisputeCase c, bool replayed)
    {
        Console.WriteLine($"case {c.CaseId}{(replayed ? " (replay: already done)" : "")}: {c.Status}" +
            (c.Refund == RefundStatus.None ? "" : $", refund {c.RefundAmount} {c.Refund}"));
        Console.WriteLine($"  charge {c.ChargeOperationId} on {c.Card}: {c.Category} at {c.MerchantId} in {c.Acquirer}, {c.ChargeAmount}, tapped {c.ChargeTappedAt.ToChinaTime():yyyy-MM-dd HH:mm} CST; open until {c.Deadline.ToChinaTime():yyyy-MM-dd}");
        if (c.DecidedOnHead is { } head)
        {
            Console.WriteLine($"  decided on the card stream whose verified head is {head[..16]}…");
        }

        TablePrinter.Print(Console.Out, ["#", "when (CST)", "city", "who", "step", "amount", "why"], c.Steps.Select(s => (IReadOnlyList<string>)[
            Output.Number(s.Version), s.At.ToChinaTime().ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture), s.By?.ToString() ?? "", s.Actor ?? "",
            s.EventType.Replace("dispute_", "", StringComparison.Ordinal).Replace(".v1", "", StringComparison.Ordinal), s.Amount?.ToString() ?? "", s.Text]));
    }
}
