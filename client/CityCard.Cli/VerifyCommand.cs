using System.CommandLine;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// verify: card streams checked against their hash chains, each through its issuer's back office. One card, or every
/// card of the cities asked (all four by default), page by page with a progress bar; lists each stream that fails.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var card = new Argument<string?>("card") { Description = "One card to verify (default: every card of --city)", Arity = ArgumentArity.ZeroOrOne };
        var cities = new Option<string[]>("--city") { Description = "The cities whose cards to verify (default: all four)", AllowMultipleArgumentsPerToken = true };
        var page = new Option<int>("--page") { Description = "Streams per request (at most 500)", DefaultValueFactory = _ => 200 };
        var command = new Command("verify", "Check card streams against their hash chains and name the first event that does not match") { card, cities, page };
        command.SetAction(async (parse, ct) =>
        {
            using var gateways = CliOptions.Directory(parse);
            var json = parse.GetValue(CliOptions.Json);
            if (parse.GetValue(card) is { } text)
            {
                if (!CardNumber.TryParse(text, out var number))
                {
                    Console.Error.WriteLine($"'{text}' is not a card number.");
                    return 2;
                }

                var one = await gateways.For(number.Issuer, GatewayDirectory.Operations).VerifyCardAsync(number.Value, ct);
                var code = Output.Print(one, json, v => Console.WriteLine($"{v.Card}: {HistoryTable.Chain(v)}"));
                return code == 0 && !one.Value!.Verified ? 3 : code;
            }

            var asked = parse.GetValue(cities) is { Length: > 0 } names ? names : [.. Cities.All.Select(c => c.ToString())];
            var failed = new List<StreamVerification>();
            var rows = new List<IReadOnlyList<string>>();
            foreach (var name in asked)
            {
                if (!Cities.TryParse(name, out var city))
                {
                    Console.Error.WriteLine($"--city '{name}' is not one of {string.Join(", ", Cities.All)}.");
                    return 2;
                }

                var (streams, events, broken) = await VerifyCityAsync(gateways.For(city, GatewayDirectory.Operations), city, Math.Clamp(parse.GetValue(page), 1, 500), failed, ct);
                rows.Add([city.ToString(), Output.Number(streams), Output.Number(events), Output.Number(broken)]);
            }

            if (json)
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(failed, GatewayClient.Json));
            }
            else
            {
                TablePrinter.Print(Console.Out, ["city", "streams", "events", "failed"], rows);
                if (failed.Count > 0)
                {
                    Console.WriteLine();
                    TablePrinter.Print(Console.Out, ["card", "first bad version", "event", "kind", "stored hash", "expected"], failed.Select(f => (IReadOnlyList<string>)[
                        f.Card.Value, Output.Number(f.Break!.Version), f.Break.EventType, f.Break.Kind.ToString(), Short(f.Break.Stored), Short(f.Break.Expected)]));
                }
            }

            return failed.Count == 0 ? 0 : 3;
        });
        return command;
    }

    private static async Task<(long Streams, long Events, int Failed)> VerifyCityAsync(GatewayClient client, City city, int size, List<StreamVerification> failed, CancellationToken ct)
    {
        long streams = 0, events = 0;
        var before = failed.Count;
        string? after = null;
        ProgressBar? progress = null;
        try
        {
            do
            {
                var page = (await client.VerifyStreamsAsync(after, size, ct)).Expect();
                progress ??= new ProgressBar($"verifying {city}", page.TotalStreams);
                streams += page.StreamsChecked;
                events += page.EventsChecked;
                failed.AddRange(page.Failed);
                progress.Advance(page.StreamsChecked);
                after = page.NextAfter;
            }
            while (after is not null);
        }
        finally
        {
            progress?.Dispose();
        }

        return (streams, events, failed.Count - before);
    }

    private static string Short(string? hash) => hash is { Length: >= 16 } ? hash[..16] + "…" : hash ?? "(none)";
}
