using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CityCard.Contracts;
using CityCard.Grains.Telemetry;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Integrity;

/// <summary>
/// On a real cluster and PostgreSQL, with the clearing house driven by the test: a row of mt_events changed before the
/// clearing house read it (the card paid 8.00, the row now says 0.08) is not posted; the card is held, with an error
/// log naming the card and the event and a metric; reconciliation names the card and the event instead of saying
/// MATCHES. Restoring the row and releasing the card posts what was held. A row changed after it was posted is named
/// by reconciliation too, as a chain break and, event by event, as a difference of the ledgers.
/// </summary>
public sealed class The_clearing_house_checks_the_chain_before_posting(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    private readonly ClearingDays days = new(fixture);

    private IReconciliationGrain Reconciliation => fixture.Cluster.Client.GetGrain<IReconciliationGrain>(IReconciliationGrain.Key);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task A_row_changed_before_the_clearing_house_read_it_is_held_alerted_counted_and_named_by_reconciliation()
    {
        await days.FreshDayAsync();
        var card = await IssuedAsync(City.ZG, 10_000);
        var clean = await IssuedAsync(City.NJ, 5_000);
        await fixture.Clearing.CatchUpAsync();
        var metrics = ListenToHolds();

        var charge = Charge(800, Now, City.LZ);
        Assert.True((await fixture.Cards.ChargeAsync(card, charge)).IsAccepted);
        await SetAmountAsync(card, version: 3, fen: 8);
        var later = Charge(200, Now, City.LZ);
        Assert.True((await fixture.Cards.ChargeAsync(card, later)).IsAccepted);
        var cleanCharge = Charge(300, Now, City.YB);
        Assert.True((await fixture.Cards.ChargeAsync(clean, cleanCharge)).IsAccepted);

        var status = await fixture.Clearing.CatchUpAsync();

        // Not posted, the card held, other cards go on.
        Assert.Empty(await fixture.PostingsOfAsync(charge.OperationId));
        Assert.Empty(await fixture.PostingsOfAsync(later.OperationId));
        Assert.NotEmpty(await fixture.PostingsOfAsync(cleanCharge.OperationId));
        var held = Assert.Single(status.HeldCards!);
        Assert.Equal((card, 3L, "card_charged.v1", charge.OperationId, ChainBreakKind.HashMismatch, 2), (held.Card.Value, held.Version, held.EventType, held.OperationId, held.Kind, held.EventsHeld));
        Assert.Equal(0, status.LagEvents);

        // The alert names the card and the event; the metric counts the card and the events held.
        Assert.Contains(fixture.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains(card, StringComparison.Ordinal)
            && l.Message.Contains("event 3", StringComparison.Ordinal) && l.Message.Contains(charge.OperationId, StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.Name == "citycard.projection.chain_breaks" && m.Value == 1 && (string?)m.Tags["issuer"] == "ZG" && (string?)m.Tags["kind"] == "HashMismatch");
        Assert.Equal(2, metrics.Where(m => m.Name == "citycard.projection.held_events").Sum(m => m.Value));

        // Reconciliation names the card and the event: the held one is in no ledger.
        var report = await ReconcileAsync();
        Assert.False(report.Matches);
        var found = Assert.Single(report.ChainBreaks!);
        Assert.Equal((card, 3L, held.Sequence, charge.OperationId, ChainBreakKind.HashMismatch, true), (found.Card.Value, found.Version, found.Sequence, found.OperationId, found.Kind, found.HeldLive));
        Assert.Equal(card, Assert.Single(report.HeldCards!).Card.Value);
        Assert.Empty(report.Differences);

        // Released only once the row is as it was appended; then the held events are posted.
        var release = new ReleaseHeldCardRequest(NewOp("release"), CardNumber.Parse(card));
        Assert.Equal(ClearingRejection.ChainStillBroken, (await fixture.ClearingGrain.ReleaseHeldCard(release)).Rejection);
        await SetAmountAsync(card, version: 3, fen: 800);
        var released = await fixture.ClearingGrain.ReleaseHeldCard(release with { OperationId = NewOp("release") });
        Assert.True(released.IsAccepted, $"{released.Rejection}: {released.Detail}");
        Assert.Equal(ClearingRejection.CardNotHeld, (await fixture.ClearingGrain.ReleaseHeldCard(release with { OperationId = NewOp("release") })).Rejection);
        Assert.Equal(800, (await fixture.PostingsOfAsync(charge.OperationId)).Where(p => p.City == "ZG" && p.Account == "2010").Sum(p => p.Amount));
        Assert.NotEmpty(await fixture.PostingsOfAsync(later.OperationId));
        Assert.Empty((await fixture.Clearing.GetProjectionStatusAsync()).HeldCards!);
        var again = await ReconcileAsync();
        Assert.True(again.Matches, $"{again.DifferenceCount} differences; {again.ChainBreaks?.Count} breaks; {again.HeldCards?.Count} held");
    }

    [Fact]
    public async Task A_row_changed_after_it_was_posted_is_named_by_reconciliation_card_and_event_where_both_copies_would_agree()
    {
        await days.FreshDayAsync();
        var card = await IssuedAsync(City.YB, 10_000);
        var charge = Charge(800, Now, City.LZ);
        Assert.True((await fixture.Cards.ChargeAsync(card, charge)).IsAccepted);
        await fixture.Clearing.CatchUpAsync();

        await SetAmountAsync(card, version: 3, fen: 8);
        var report = await ReconcileAsync();
        await SetAmountAsync(card, version: 3, fen: 800);

        Assert.False(report.Matches);
        var found = Assert.Single(report.ChainBreaks!);
        Assert.Equal((card, 3L, charge.OperationId, false), (found.Card.Value, found.Version, found.OperationId, found.HeldLive));
        var differences = report.Differences.Where(d => d.Table == "postings").ToList();
        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.Equal((card, found.Sequence, charge.OperationId, 792L), (d.Card?.Value, d.Sequence, d.OperationId, Math.Abs(d.DifferenceFen))));
    }

    private async Task<string> IssuedAsync(City city, long fen)
    {
        var card = CardClusterFixture.NewCard(city);
        Assert.True((await fixture.Cards.IssueAsync(card, Issue(card))).IsAccepted);
        Assert.True((await fixture.Cards.TopUpAsync(card, TopUp(fen, city))).IsAccepted);
        return card;
    }

    /// <summary>Edits the amount in one event's stored data, as someone with write access to PostgreSQL could: its chain link is left as it was.</summary>
    private async Task SetAmountAsync(string card, long version, long fen)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "update citycard.mt_events set data = jsonb_set(data, array[(select k from jsonb_object_keys(data) k where lower(k) = 'amount')], to_jsonb($2::bigint)) " +
            "where stream_id = $1 and version = $3", connection)
        {
            Parameters = { new() { Value = card }, new() { Value = fen }, new() { Value = version } },
        };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<ReconciliationReport> ReconcileAsync()
    {
        var progress = await Reconciliation.Start(NewOp("run"));
        while (progress.Phase == ReconciliationPhase.Rebuilding)
        {
            progress = await Reconciliation.Advance();
        }

        Assert.True(progress.Phase == ReconciliationPhase.Done, progress.Error);
        return progress.Report!;
    }

    private sealed record Measured(string Name, long Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>The clearing house's hold counters, from now on, for as long as the test runs.</summary>
    private static ConcurrentBag<Measured> ListenToHolds()
    {
        var seen = new ConcurrentBag<Measured>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClearingTelemetry.MeterName && instrument.Name is "citycard.projection.chain_breaks" or "citycard.projection.held_events")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Add(new Measured(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        return seen;
    }
}
