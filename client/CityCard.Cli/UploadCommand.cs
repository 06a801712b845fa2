using System.CommandLine;
using System.Text;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// upload: a file of offline taps (CSV with a header, or JSON Lines) sent to a city's gateway in batches within the
/// gateway's limits, with a progress bar. Sending a file twice is safe: taps already charged come back as duplicates.
/// </summary>
internal static class UploadCommand
{
    public const int RecordsPerBatch = 1_000;
    public const int BytesPerBatch = 1024 * 1024 - 4096;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv (header line first) or .jsonl file of taps" };
        var city = new Option<string>("--city") { Description = "The acquiring city whose terminals recorded the taps", Required = true };
        var command = new Command("upload", "Upload a file of offline taps to a city's gateway, in batches") { file, city };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists || !Cities.TryParse(parse.GetValue(city), out var acquirer))
            {
                Console.Error.WriteLine($"Give an existing file and --city as one of {string.Join(", ", Cities.All)}.");
                return 2;
            }

            var csv = path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase);
            var lines = (await File.ReadAllLinesAsync(path.FullName, ct)).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            var header = csv && lines.Count > 0 ? lines[0] : null;
            var records = csv ? lines.Skip(1).ToList() : lines;

            using var gateways = CliOptions.Directory(parse);
            var client = gateways.For(acquirer, GatewayDirectory.Terminal);
            var totals = new Dictionary<TapOutcome, int>();
            var notable = new List<TapRecordResult>();
            using (var progress = new ProgressBar("uploading", records.Count))
            {
                foreach (var batch in Batches(records))
                {
                    var content = string.Join('\n', header is null ? batch : batch.Prepend(header));
                    var result = await client.UploadTapsAsync(content, csv ? "text/csv" : "application/x-ndjson", ct);
                    if (result.Problem is { } problem)
                    {
                        Console.Error.WriteLine($"batch refused: {problem}");
                        return 1;
                    }

                    foreach (var r in result.Value!.Results)
                    {
                        totals[r.Outcome] = totals.GetValueOrDefault(r.Outcome) + 1;
                        if (r.Outcome is not TapOutcome.Accepted && notable.Count < 20)
                        {
                            notable.Add(r);
                        }
                    }

                    progress.Advance(batch.Count);
                }
            }

            TablePrinter.Print(Console.Out, ["outcome", "records"], Enum.GetValues<TapOutcome>().Select(o => (IReadOnlyList<string>)[o.ToString(), totals.GetValueOrDefault(o).ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            if (notable.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine("first records not accepted (record numbers are within their batch):");
                TablePrinter.Print(Console.Out, ["record", "card", "outcome", "code", "detail"], notable.Select(r => (IReadOnlyList<string>)[
                    Output.Number(r.Record), r.Card ?? "", r.Outcome.ToString(), r.Code ?? "", r.Detail ?? ""]));
            }

            return 0;
        });
        return command;
    }

    private static IEnumerable<List<string>> Batches(List<string> records)
    {
        var batch = new List<string>();
        var bytes = 0;
        foreach (var record in records)
        {
            var size = Encoding.UTF8.GetByteCount(record) + 1;
            if (batch.Count == RecordsPerBatch || bytes + size > BytesPerBatch)
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(record);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
