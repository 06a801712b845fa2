using CityCard.Benchmarks;

return await BenchmarkApp.RunAsync(args);
