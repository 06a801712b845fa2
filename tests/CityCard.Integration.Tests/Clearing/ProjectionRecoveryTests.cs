using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Grains.Clearing;
using CityCard.Grains.Telemetry;
using CityCard.Integration.Tests.Infrastructure;
using Npgsql;
using Orleans.Runtime;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Clearing;

/// <summary>
/// The clearing house's silo dies in the middle of a stream of card operations. Whatever it was doing, a new
/// activation carries on from the committed checkpoint: every money event is posted exactly once, and each city's
/// float equals what its cards hold.
/// </summary>
public sealed class ProjectionRecoveryTests(LiveClearingFixture fixture) : IClassFixture<LiveClearingFixture>
{
    private const int CardCount = 96;

    [Fact]
    public async Task Killing_the_clearing_houses_silo_mid_stream_loses_no_posting_and_doubles_none()
    {
        var lag = new ConcurrentBag<long>();
        using var listener = ListenToLag(lag);
        var cards = Enumerable.Range(0, CardCount).Select(i => CardClusterFixture.NewCard(Cities.All[i % 4])).ToList();
        var writer = Task.Run(() => WriteAsync(cards));

        ProjectionStatus? seen = null;
        await WaitUntilAsync(async () => (seen = await Status()).Position > 40, () => $"the projection to get going ({seen})");
        var host = HostOfClearingHouse();
        Assert.False(writer.IsCompleted, "The stream of operations should still be running when the silo dies.");
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await fixture.Cluster.StartAdditionalSiloAsync();
        await writer;
        await WaitUntilAsync(async () => (seen = await Retry(() => fixture.Clearing.CatchUpAsync())) is { LagEvents: 0, OutstandingGaps: 0 }, () => $"the projection to catch up ({seen})");

        Assert.Equal(await ExpectedLinesPerEventAsync(), await PostedLinesPerEventAsync());
        foreach (var city in Cities.All)
        {
            var balance = await fixture.Clearing.GetTrialBalanceAsync(city);
            var onCards = 0L;
            foreach (var card in cards.Where(c => CardNumber.Parse(c).Issuer == city))
            {
                onCards += (await fixture.Cards.GetViewAsync(card))!.Balance.Fen;
            }

            Assert.Equal(-onCards, balance.Lines.SingleOrDefault(l => l.Code == "2010")?.Balance.Fen ?? 0);
            Assert.True(balance.IsBalanced);
        }

        listener.RecordObservableInstruments();
        Assert.Contains(lag, l => l > 0);
    }

    private static readonly Dictionary<City, string> BusRoute = new() { [City.ZG] = "ZG-1", [City.LZ] = "LZ-1", [City.NJ] = "NJ-2", [City.YB] = "YB-1" };

    /// <summary>
    /// Each card: issue, top up somewhere, two purchases and a bus ride across cities, reverse part of the first.
    /// Every call is retried with the same id until it is answered, and must be accepted (a retry gets the first outcome).
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<string> cards)
    {
        using var parallel = new SemaphoreSlim(6);
        await Task.WhenAll(cards.Select(async (card, i) =>
        {
            await parallel.WaitAsync();
            try
            {
                var now = fixture.Now;
                var rideCity = Cities.All[(i + 3) % 4];
                // Each request is made once, outside the retry: a retry must carry the same operation id, or a call
                // whose answer died with the silo would be repeated as a new operation (and refused: already issued).
                var firstTap = Charge(100 + i, now, Cities.All[(i + 1) % 4], Category.Cinema);
                var issue = Issue(card);
                var topUp = TopUp(5_000 + i, Cities.All[(i + 2) % 4]);
                var purchase = Charge(250, now, CardNumber.Parse(card).Issuer, Category.Retail);
                var ride = Ride(rideCity, Category.Bus, RideDetails.Bus(BusRoute[rideCity]), now);
                var reversal = new ReverseChargeRequest(NewOp("reverse"), firstTap.OperationId, Money.FromFen(50), "Overcharged");
                await Accepted(() => fixture.Cards.IssueAsync(card, issue));
                await Accepted(() => fixture.Cards.TopUpAsync(card, topUp));
                await Accepted(() => fixture.Cards.ChargeAsync(card, firstTap));
                await Accepted(() => fixture.Cards.ChargeAsync(card, purchase));
                await Accepted(() => fixture.Cards.ChargeAsync(card, ride));
                await Accepted(() => fixture.Cards.ReverseChargeAsync(card, reversal));
            }
            finally
            {
                parallel.Release();
            }
        }));
    }

    private SiloAddress HostOfClearingHouse()
    {
        var id = ((IAddressable)fixture.ClearingGrain).GetGrainId();
        return fixture.Cluster.TryGetGrainContext(id, out var context)
            ? context.Address.SiloAddress!
            : throw new InvalidOperationException("The clearing house is not active anywhere.");
    }

    private Task<ProjectionStatus> Status() => Retry(() => fixture.Clearing.GetProjectionStatusAsync());

    /// <summary>For each event that moves money, how many posting lines the rules give it.</summary>
    private async Task<SortedDictionary<long, int>> ExpectedLinesPerEventAsync()
    {
        var expected = new SortedDictionary<long, int>();
        long position = 0;
        while (await fixture.Feed.ReadAsync(position, 1_000) is { Count: > 0 } batch)
        {
            foreach (var e in batch)
            {
                var lines = PostingRules.For(e.Card, e.Event).Sum(d => d.Postings.Count);
                if (lines > 0)
                {
                    expected[e.Sequence] = lines;
                }
            }

            position = batch[^1].Sequence;
        }

        return expected;
    }

    private async Task<SortedDictionary<long, int>> PostedLinesPerEventAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select source_id, count(*)::int from citycard.{ClearingSchema.Postings} where source_kind = 1 group by source_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var posted = new SortedDictionary<long, int>();
        while (await reader.ReadAsync())
        {
            posted[reader.GetInt64(0)] = reader.GetInt32(1);
        }

        return posted;
    }

    private static MeterListener ListenToLag(ConcurrentBag<long> seen)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClearingTelemetry.MeterName && instrument.Name == "citycard.projection.lag")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => seen.Add(value));
        listener.Start();
        _ = Task.Run(async () =>
        {
            // Gauges are read when asked: sample while the stream runs.
            for (var i = 0; i < 600 && seen.All(v => v == 0); i++)
            {
                listener.RecordObservableInstruments();
                await Task.Delay(50);
            }
        });
        return listener;
    }

    private static async Task Accepted(Func<Task<CardOperationResult>> call)
    {
        var result = await Retry(call);
        Assert.True(result.IsAccepted, $"{result.OperationId}: {result.Rejection} {result.Detail}");
    }

    /// <summary>Calls may fail while the cluster notices the dead silo; every request here is safe to repeat.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 30)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out waiting for {what()}.");
    }
}
