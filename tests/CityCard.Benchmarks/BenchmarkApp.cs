namespace CityCard.Benchmarks;

/// <summary>
/// Entry point: `bench.sh &lt;name&gt;`. Each benchmark measures its subject and a baseline in the same run, on the
/// same database, and reports the ratio; absolute figures on a shared machine mean little on their own.
/// </summary>
public static class BenchmarkApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("CITYCARD_BENCH_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("Set CITYCARD_BENCH_POSTGRES (./bench.sh does) to a PostgreSQL connection string.");
            return 2;
        }

        switch (args.FirstOrDefault())
        {
            case "activation":
                await ActivationBenchmark.RunAsync(connectionString, Console.Out);
                return 0;
            case "projection":
                await ProjectionBenchmark.RunAsync(connectionString, Console.Out);
                return 0;
            case "rebuild":
                await RebuildBenchmark.RunAsync(connectionString, Console.Out);
                return 0;
            case "region":
                var cards = RegionBenchmark.DefaultCards;
                var at = Array.IndexOf(args, "--cards");
                if (at >= 0 && (at + 1 >= args.Length || !int.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out cards) || cards is < 4 or > CityCard.Contracts.IssueBatchRequest.MaxCards * 4))
                {
                    Console.Error.WriteLine($"--cards takes a number of cards, 4 to {CityCard.Contracts.IssueBatchRequest.MaxCards * 4:N0}.");
                    return 2;
                }

                var onlyAt = Array.IndexOf(args, "--only");
                var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
                if (onlyAt >= 0 && only is not ("issue" or "rush" or "latency"))
                {
                    Console.Error.WriteLine("--only takes one phase: issue (bulk issuance alone, written to artifacts/bench/region-issue.json) "
                        + "or rush (bulk issuance, the morning rush and memory per card, written to artifacts/bench/region-rush.json) "
                        + "or latency (those, then the latency at 2,000 taps/s offered, written to artifacts/bench/region-latency.json).");
                    return 2;
                }

                await RegionBenchmark.RunAsync(connectionString, cards, Console.Out, only);
                return 0;
            case "gateway":
                var (grains, batches) = await GatewayBatchBenchmark.MeasureAsync(connectionString);
                Console.Out.WriteLine($"Taps through a gateway's batch upload path (HTTP) vs grains from the same process ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
                Console.Out.WriteLine($"  baseline: grains via the gateway's cluster client {grains,10:N0} taps/s   1.00x");
                Console.Out.WriteLine($"  batch upload, {GatewayBatchBenchmark.Uploaders} batches at once          {batches,10:N0} taps/s   {batches / grains:F2}x");
                return 0;
            case "card-memory":
                CardMemoryBenchmark.Run(Console.Out);
                return 0;
            case "taps":
                await TapThroughputBenchmark.RunAsync(connectionString, Console.Out);
                return 0;
            default:
                Console.Error.WriteLine("usage: bench.sh activation|projection|taps|gateway|rebuild|card-memory|region [--cards N] [--only issue|rush|latency]");
                return 2;
        }
    }
}
