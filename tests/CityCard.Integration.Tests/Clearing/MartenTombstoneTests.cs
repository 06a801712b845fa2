using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Clearing;

/// <summary>
/// A failed group commit makes Marten write "tombstone" rows into mt_events (after the failure, off the caller's path)
/// for the sequence numbers the failed append drew. They are no card events: the projection passes over them.
/// </summary>
public sealed class MartenTombstoneTests(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    [Fact]
    public async Task The_projection_passes_over_the_tombstones_of_a_failed_group_commit()
    {
        // Appends of many cards share a transaction; one stale append fails it, and each is retried on its own.
        await using var writer = new MartenCardEventStore(fixture.Store, Options.Create(new CardStoreOptions { GroupCommit = true }));
        var cards = Enumerable.Range(0, 40).Select(_ => CardNumber.Parse(CardClusterFixture.NewCard(City.NJ))).ToList();
        var issued = cards.Select(card => CardAppend.Of(CardState.Initial(card), [new CardIssued(NewOp("issue"), fixture.Now, card, City.NJ, ProductCode.Standard, Money.Zero)])).ToList();
        await Task.WhenAll(issued.Select(a => writer.AppendAsync(a)));
        var topUps = issued.Select(a => CardAppend.Of(a.StateAfter, [new CardToppedUp(NewOp("top-up"), fixture.Now, Money.FromFen(100), City.NJ, TopUpChannel.Kiosk)])).ToList();
        Assert.Equal(AppendOutcome.Appended, (await writer.AppendAsync(topUps[0])).Outcome);
        var stale = CardAppend.Of(issued[0].StateAfter, [new CardToppedUp(NewOp("stale"), fixture.Now, Money.FromFen(100), City.NJ, TopUpChannel.Kiosk)]);
        var results = await Task.WhenAll(topUps.Skip(1).Append(stale).Select(a => writer.AppendAsync(a)));
        Assert.Single(results, r => r.Outcome == AppendOutcome.VersionConflict);

        await WaitForTombstonesAsync();
        var status = await fixture.Clearing.CatchUpAsync();

        Assert.Equal(0, status.LagEvents);
        Assert.Single(await fixture.PostingsOfAsync(topUps[^1].Events[0].OperationId), p => p.Account == "2010");
    }

    private async Task WaitForTombstonesAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"select count(*) from citycard.mt_events where type = '{MartenTombstones.EventType}'", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Marten wrote no tombstones for the failed batch.");
    }
}
