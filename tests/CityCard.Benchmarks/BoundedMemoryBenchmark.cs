using System.Diagnostics;
using CityCard.Contracts;
using CityCard.Grains;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace CityCard.Benchmarks;

/// <summary>
/// A day in which more distinct cards tap than stay active: the region benchmark's cards tap once more, in waves of a
/// quarter each, on a silo whose idle card grains are collected after a few seconds (Orleans' idle collection, as in
/// production but with its 15 minutes shortened). Between waves the previous wave goes idle and is collected. If
/// memory is bounded, the active grains and the managed heap after the last wave are those of one wave, not four.
/// </summary>
public static class BoundedMemoryBenchmark
{
    public const int Waves = 4;
    private const int Parallel = 128;

    /// <summary>Idle grains older than this are collected at the next quantum (production: Orleans' default, 15 minutes).</summary>
    public static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan CollectionQuantum = TimeSpan.FromSeconds(1);

    public sealed record Result(long ActiveAfterFirst, long ActiveAfterLast, long HeapAfterFirst, long HeapAfterLast, long RssAfterFirst, long RssAfterLast, long HeapBefore);

    public static async Task<Result> MeasureAsync(string connectionString, IReadOnlyList<CardNumber> cards)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(host =>
        {
            host.Services.AddCityCardGrains(connectionString);
            host.Services.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionQuantum = CollectionQuantum;
                o.CollectionAge = CollectionAge;
            });
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var grains = new CardsClient(cluster.Client);
        var heapBefore = Heap();
        var wave = (cards.Count + Waves - 1) / Waves;
        var samples = new List<(long Active, long Heap, long Rss)>();
        for (var w = 0; w < Waves; w++)
        {
            if (w > 0)
            {
                // Long enough for the last wave's grains to pass the collection age and the next quantum to collect them.
                await Task.Delay(CollectionAge + CollectionQuantum + CollectionQuantum);
            }

            await System.Threading.Tasks.Parallel.ForEachAsync(cards.Skip(w * wave).Take(wave), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (card, _) =>
                await grains.ChargeAsync(card, new ChargeRequest($"day-{card}", Money.FromFen(100), City.LZ, "LZ-SHOP", Category.Retail, "LZS-2", 0, DateTimeOffset.UtcNow)));
            samples.Add((await RegionBenchmark.ActiveCardsAsync(cluster.Client), Heap(), Rss()));
        }

        await cluster.StopAllSilosAsync();
        return new Result(samples[0].Active, samples[^1].Active, samples[0].Heap, samples[^1].Heap, samples[0].Rss, samples[^1].Rss, heapBefore);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Rss()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
