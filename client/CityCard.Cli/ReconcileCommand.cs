using System.CommandLine;
using System.Text.Json;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// reconcile: the region's clearing operators rebuild every city's ledger from the event log in the cluster and compare
/// it with the live one, with a progress bar; prints the differences and the float checks, and can write the report
/// (JSON) to a file.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var city = new Option<string>("--city") { Description = "Whose gateway to go through (the region's clearing key works at every one)", DefaultValueFactory = _ => "ZG" };
        var output = new Option<string?>("--out") { Description = "Write the report (JSON) to this file" };
        var key = new Option<string?>("--key") { Description = "The Idempotency-Key naming the run (default: a new one)" };
        var command = new Command("reconcile", "Rebuild every city's ledger from the event log and compare it with the live one, account by account, to the fen") { city, output, key };
        command.SetAction(async (parse, ct) =>
        {
            if (!Cities.TryParse(parse.GetValue(city), out var at))
            {
                Console.Error.WriteLine($"--city must be one of {string.Join(", ", Cities.All)}.");
                return 2;
            }

            using var gateways = CliOptions.Directory(parse);
            var client = gateways.For(at, GatewayDirectory.Clearing);
            var started = await client.StartReconciliationAsync(parse.GetValue(key) ?? $"recon-{Guid.NewGuid():N}"[..22], ct);
            if (started.Problem is not null)
            {
                return Output.Print(started, parse.GetValue(CliOptions.Json), _ => { });
            }

            var progress = started.Value!;
            using (var bar = new ProgressBar("rebuilding", Math.Max(1, progress.EventsTotal)))
            {
                long shown = 0;
                while (progress.Phase == ReconciliationPhase.Rebuilding)
                {
                    await Task.Delay(200, ct);
                    progress = (await client.GetReconciliationAsync(progress.RunId, ct)).Expect();
                    bar.Advance(progress.EventsRead - shown);
                    shown = progress.EventsRead;
                }
            }

            if (progress.Report is not { } report)
            {
                Console.Error.WriteLine($"reconciliation {progress.RunId} failed: {progress.Error}");
                return 1;
            }

            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, GatewayClient.Json), ct);
            }

            Output.Print(new GatewayResult<ReconciliationReport>(report, null, false), parse.GetValue(CliOptions.Json), Print);
            return report.Matches ? 0 : 3;
        });
        return command;
    }

    private static void Print(ReconciliationReport r)
    {
        Console.WriteLine($"reconciliation {r.RunId}: {(r.Matches ? "MATCHES" : "DIFFERS")}; {r.EventsRebuilt} events of {r.Cards} cards rebuilt up to sequence {r.UpToSequence}" +
            (r.OutstandingGaps > 0 ? $" ({r.OutstandingGaps} gaps still open were left out)" : ""));
        if (r.DifferenceCount > 0)
        {
            Console.WriteLine($"{r.DifferenceCount} differences{(r.DifferenceCount > r.Differences.Count ? $", the first {r.Differences.Count}" : "")}:");
            TablePrinter.Print(Console.Out, ["table", "window", "city", "account", "card", "event", "operation", "live", "rebuilt", "difference"], r.Differences.Select(d => (IReadOnlyList<string>)[
                d.Table, d.Window.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.City.ToString(), d.Account,
                d.Card?.Value ?? "", d.Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", d.OperationId ?? "",
                Output.Yuan(d.LiveFen), Output.Yuan(d.RebuiltFen), Output.Yuan(d.DifferenceFen)]));
        }

        if (r.ChainBreaks is { Count: > 0 } breaks)
        {
            Console.WriteLine($"{breaks.Count} events do not match their card's hash chain:");
            TablePrinter.Print(Console.Out, ["card", "event", "type", "operation", "sequence", "break", "clearing house"], breaks.Select(b => (IReadOnlyList<string>)[
                b.Card.Value, b.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), b.EventType, b.OperationId ?? "",
                b.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Kind.ToString(), b.HeldLive ? "held it" : "posted it, changed since"]));
        }

        Clearing.ClearingTables.HeldCards(Console.Out, r.HeldCards ?? []);

        TablePrinter.Print(Console.Out, ["city", "account", "cards", "live ledger", "rebuilt", "check"], r.Floats.Select(f => (IReadOnlyList<string>)[
            f.City.ToString(), f.Account, Output.Yuan(f.CardsFen), Output.Yuan(f.LiveFen), Output.Yuan(f.RebuiltFen), f.Matches ? "ok" : "DIFFERS"]));
        foreach (var problem in r.Problems)
        {
            Console.WriteLine($"problem: {problem}");
        }
    }
}
