using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityCard.Client;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// issue-batch: a batch file (docs/guides/cli.md) sent to its city's gateway with the service desk's key, then followed
/// with a progress bar until every card is issued. Running it again is safe: a completed batch answers its first
/// result, and one that stopped part-way resumes where it stopped.
/// </summary>
internal static class IssueBatchCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A batch file: batch, product and channel lines, then card and range lines" };
        var city = new Option<string?>("--city") { Description = "The issuing city (by default the city of the file's first card)" };
        var command = new Command("issue-batch", "Issue a batch of a city's cards in bulk, with a progress bar") { file, city };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"No such file: {path.FullName}");
                return 2;
            }

            var content = await File.ReadAllTextAsync(path.FullName, ct);
            if ((parse.GetValue(city) is { } named ? (Cities.TryParse(named, out var c) ? c : (City?)null) : CityOfFirstCard(content)) is not { } issuer)
            {
                Console.Error.WriteLine($"Give --city as one of {string.Join(", ", Cities.All)} (the file names no card to take it from).");
                return 2;
            }

            using var gateways = CliOptions.Directory(parse);
            var client = gateways.For(issuer, GatewayDirectory.ServiceDesk);
            var started = await client.StartIssueBatchAsync(content, ct);
            if (started.Problem is { } problem)
            {
                Console.Error.WriteLine($"batch refused: {problem}");
                PrintLineErrors(problem.Extensions);
                return 1;
            }

            var status = started.Value!;
            if (status.State == IssueBatchState.Running)
            {
                using var progress = new ProgressBar("issuing", status.Cards);
                var shown = 0L;
                while (status.State == IssueBatchState.Running)
                {
                    progress.Advance(status.Processed - shown);
                    shown = status.Processed;
                    await Task.Delay(PollEvery, ct);
                    status = (await client.GetIssueBatchAsync(status.BatchId, ct)).Expect();
                }

                progress.Advance(status.Processed - shown);
            }

            TablePrinter.Print(Console.Out, ["batch", "state", "cards", "issued", "in use", "completed"], [[
                status.BatchId, status.IsReplay ? $"{status.State} (first run's result)" : status.State.ToString(),
                Output.Number(status.Cards), Output.Number(status.Issued), Output.Number(status.InUse),
                status.CompletedAt?.ToString("u", CultureInfo.InvariantCulture) ?? ""]]);
            if (status.InUseCards.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"card numbers already in use, left untouched (first {status.InUseCards.Count} of {Output.Number(status.InUse)}):");
                Console.WriteLine(string.Join(Environment.NewLine, status.InUseCards));
            }

            if (status.State == IssueBatchState.Interrupted)
            {
                Console.Error.WriteLine("The batch stopped part-way; run the same command again to resume it.");
            }

            return status.State == IssueBatchState.Completed ? 0 : 1;
        });
        return command;
    }

    private static City? CityOfFirstCard(string content)
    {
        foreach (var line in content.Split('\n'))
        {
            var fields = line.Trim().Split(',');
            if (fields.Length >= 2 && fields[0].Trim() is "card" or "range" && CardNumber.TryParse(fields[1].Trim(), out var card))
            {
                return card.Issuer;
            }
        }

        return null;
    }

    private static void PrintLineErrors(Dictionary<string, JsonElement>? extensions)
    {
        if (extensions?.GetValueOrDefault("errors") is not { ValueKind: JsonValueKind.Array } errors)
        {
            return;
        }

        TablePrinter.Print(Console.Error, ["line", "code", "detail"], errors.EnumerateArray().Select(e => (IReadOnlyList<string>)[
            e.GetProperty("line").GetInt32().ToString(CultureInfo.InvariantCulture), e.GetProperty("code").GetString() ?? "", e.GetProperty("detail").GetString() ?? ""]));
    }
}
