using System.Globalization;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;

namespace CityCard.Benchmarks;

/// <summary>
/// What a card grain pays on activation for a card with years of history: 10,000 events (about seven years of four
/// taps a day). Baseline: replaying the whole stream. Measured: the latest snapshot plus the events after it, with
/// no tail and with the longest tail the snapshot interval allows.
/// </summary>
public static class ActivationBenchmark
{
    private const int HistoryLength = 10_000;
    private const int Repetitions = 15;

    public static async Task RunAsync(string serverConnectionString, TextWriter output)
    {
        var connectionString = await Databases.CreateFreshAsync(serverConnectionString, "activation");
        var options = new CardStoreOptions();
        using var store = DocumentStore.For(o => MartenSetup.Configure(o, connectionString, options));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var writer = new MartenCardEventStore(store, Options.Create(options));
        var exact = CardNumber.Create(City.ZG, 1);
        var withTail = CardNumber.Create(City.ZG, 2);
        await WriteHistoryAsync(writer, exact, HistoryLength);
        await WriteHistoryAsync(writer, withTail, HistoryLength + options.SnapshotEvery - 1);

        var replayAll = new MartenCardEventStore(store, Options.Create(new CardStoreOptions { SnapshotEvery = 0 }));
        var baseline = await Measure.MedianAsync(Repetitions, () => replayAll.LoadAsync(exact));
        var snapshotOnly = await Measure.MedianAsync(Repetitions, () => writer.LoadAsync(exact));
        var snapshotAndTail = await Measure.MedianAsync(Repetitions, () => writer.LoadAsync(withTail));

        if ((await writer.LoadAsync(withTail)).ToView() != (await replayAll.LoadAsync(withTail)).ToView())
        {
            throw new InvalidOperationException("The state read from the snapshot differs from the full replay.");
        }

        output.WriteLine($"Card activation, {HistoryLength:N0}-event stream, median of {Repetitions} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        var tail = $"snapshot + {options.SnapshotEvery - 1} tail events (worst case)";
        output.WriteLine($"  {"baseline: full replay",-42} {Ms(baseline),9} ms   1.00x");
        output.WriteLine($"  {"snapshot, no tail",-42} {Ms(snapshotOnly),9} ms   {Ratio(baseline, snapshotOnly)} faster");
        output.WriteLine($"  {tail,-42} {Ms(snapshotAndTail),9} ms   {Ratio(baseline, snapshotAndTail)} faster");
    }

    /// <summary>Alternating top-ups and charges, six hours apart, appended 100 at a time through the real adapter.</summary>
    private static async Task WriteHistoryAsync(MartenCardEventStore store, CardNumber card, int length)
    {
        var start = new DateTimeOffset(2019, 1, 1, 8, 0, 0, ChinaTime.Offset);
        var state = CardState.Initial(card);
        var batch = new List<CardEvent> { new CardIssued("issue", start, card, card.Issuer, ProductCode.Standard, Money.FromYuan(20)) };
        for (var i = 1; i < length; i++)
        {
            var at = start.AddHours(6 * i);
            batch.Add(i % 2 == 1
                ? new CardToppedUp($"top-up-{i}", at, Money.FromFen(200), City.ZG, TopUpChannel.Kiosk)
                : new CardCharged($"tap-{i}", at, Money.FromFen(200), new TapDetails(City.LZ, "LZ-BUS", Category.Bus, "LZB-1", i, at)));
            if (batch.Count == 100 || i == length - 1)
            {
                var append = CardAppend.Of(state, batch.ToList());
                var next = append.StateAfter;
                var result = await store.AppendAsync(append);
                if (result.Outcome != AppendOutcome.Appended)
                {
                    throw new InvalidOperationException($"Could not write the history: {result.Outcome}.");
                }

                state = next;
                batch.Clear();
            }
        }
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Ratio(TimeSpan baseline, TimeSpan measured) =>
        (baseline / measured).ToString("F1", CultureInfo.InvariantCulture) + "x";
}
