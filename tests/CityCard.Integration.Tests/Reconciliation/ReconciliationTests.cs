using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using Npgsql;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Reconciliation;

/// <summary>
/// Every city's ledger rebuilt from the event log on the real cluster and PostgreSQL, after a random history of the
/// region over several business days (closed, settled, one aborted and carried): it matches the live ledger to the
/// fen, and the cards' balances match the float accounts; then a corrupted ledger row is reported, exactly.
/// </summary>
public sealed class ReconciliationTests(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    private readonly ClearingDays days = new(fixture);

    private IReconciliationGrain Reconciliation => fixture.Cluster.Client.GetGrain<IReconciliationGrain>(IReconciliationGrain.Key);

    [Fact]
    public async Task A_rebuild_after_a_random_history_matches_and_a_corrupted_row_is_reported()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var cards = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            var date = await days.FreshDayAsync();
            await RandomDayAsync(random, cards);
            var report = await days.CloseAsync(date);
            var outcome = day == 1
                ? await fixture.Clearing.AbortWindowAsync(new AbortWindowRequest(NewOp("abort"), date, "Bank rejected the file"))
                : await fixture.Clearing.ConfirmSettlementAsync(new ConfirmSettlementRequest(NewOp("settle"), date, $"BANK-{date:yyyyMMdd}"));
            Assert.True(outcome.IsAccepted, $"seed {seed}: {outcome.Rejection}");
            Assert.NotNull(report);
        }

        await RandomDayAsync(random, cards);
        await fixture.Clearing.CatchUpAsync();

        var clean = await ReconcileAsync();
        Assert.True(clean.Matches, $"seed {seed}: {clean.DifferenceCount} differences, first {(clean.Differences.Count > 0 ? clean.Differences[0] : null)}; floats {string.Join("; ", clean.Floats.Where(f => !f.Matches))}; {string.Join("; ", clean.Problems)}");
        Assert.Equal(clean.EventsRead, clean.EventsRebuilt);
        // Some offline taps predate their card (refused, TapBeforeIssue): fewer charges, fewer to give back; still a day of the region.
        Assert.True(clean.EventsRebuilt > 150 && clean.Cards >= 24, $"seed {seed}: {clean.EventsRebuilt} events, {clean.Cards} cards");
        Assert.Equal(12, clean.Floats.Count);

        var (window, city, account) = await CorruptAsync("ledger_postings", "amount = amount + 1");
        var corrupted = await ReconcileAsync();
        var difference = Assert.Single(corrupted.Differences);
        Assert.False(corrupted.Matches);
        Assert.Equal(("postings", window, city, account, 1L), (difference.Table, difference.Window, difference.City.ToString(), difference.Account, difference.DifferenceFen));
        Assert.True(difference is { Card: not null, Sequence: not null, OperationId: not null }, $"the changed line's event is named: {difference}");

        await CorruptAsync("ledger_postings", "amount = amount - 1");
        var (mWindow, mCity, mAccount) = await CorruptAsync("ledger_movements", "debit = debit + 7");
        var movements = await ReconcileAsync();
        var moved = Assert.Single(movements.Differences);
        Assert.Equal(("movements", mWindow, mCity, mAccount, 7L), (moved.Table, moved.Window, moved.City.ToString(), moved.Account, moved.DifferenceFen));
        await CorruptAsync("ledger_movements", "debit = debit - 7");
    }

    /// <summary>Issues, top-ups at home and away, rides and purchases (some offline and late), reversals and refunds.</summary>
    private async Task RandomDayAsync(Random random, List<string> cards)
    {
        for (var i = 0; i < 6; i++)
        {
            var city = Cities.All[random.Next(4)];
            var card = CardClusterFixture.NewCard(city);
            if ((await fixture.Cards.IssueAsync(card, Issue(card))).IsAccepted)
            {
                cards.Add(card);
            }
        }

        for (var i = 0; i < 60; i++)
        {
            var card = cards[random.Next(cards.Count)];
            var where = Cities.All[random.Next(4)];
            var at = fixture.Now.AddMinutes(-random.Next(0, random.Next(8) == 0 ? 600 : 5));
            switch (random.Next(10))
            {
                case < 3:
                    await fixture.Cards.TopUpAsync(card, TopUp(random.Next(1, 50) * 100, where));
                    break;
                case < 6:
                    await fixture.Cards.ChargeAsync(card, Ride(where, Category.Bus, RideDetails.Bus($"{where}-1"), at));
                    break;
                case < 8:
                    await fixture.Cards.ChargeAsync(card, Charge(random.Next(1, 30) * 50, at, where));
                    break;
                default:
                    await GiveBackAsync(random, card);
                    break;
            }
        }
    }

    /// <summary>A reversal or a refund of one of the card's charges.</summary>
    private async Task GiveBackAsync(Random random, string card)
    {
        var charge = (await fixture.Cards.GetHistoryAsync(card))!.Entries.LastOrDefault(e => e.EventType == "card_charged.v1" && e.Amount.IsNegative);
        if (charge is null)
        {
            return;
        }

        var grain = fixture.Cluster.Client.GetGrain<ICardGrain>(card);
        if (random.Next(2) == 0)
        {
            await grain.ReverseCharge(new ReverseChargeRequest(NewOp("reverse"), charge.OperationId, -charge.Amount, "Refund at the counter"));
        }
        else
        {
            await grain.RefundCharge(new RefundChargeRequest(NewOp("refund"), charge.OperationId, Money.FromFen(Math.Max(1, -charge.Amount.Fen / 2)), "ZG:case-x", "Dispute upheld"));
        }
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

    /// <summary>Changes one row of a live ledger table behind the clearing house's back; returns where it sits.</summary>
    private async Task<(DateOnly Window, string City, string Account)> CorruptAsync(string table, string set)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"update citycard.{table} set {set} where ctid = (select ctid from citycard.{table} where account = '2010' and city = 'ZG' order by window_date limit 1) " +
            "returning window_date, city, account", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2));
    }
}
