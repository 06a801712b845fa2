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
            case "taps":
                await TapThroughputBenchmark.RunAsync(connectionString, Console.Out);
                return 0;
            default:
                Console.Error.WriteLine("usage: bench.sh activation|projection|taps|rebuild");
                return 2;
        }
    }
}
