using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains.Storage;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>Two writers on one stream: the expected version lets exactly one win; nothing forks, nothing is lost.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class ConcurrentWriterTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task Racing_appends_at_the_same_version_let_exactly_one_writer_win()
    {
        var card = CardNumber.Parse(CardClusterFixture.NewCard(City.ZG));
        await fixture.Cards.IssueAsync(card.Value, Issue(card.Value));
        var writers = Enumerable.Range(0, 8).Select(_ => NewStore()).ToList();
        var loaded = await writers[0].LoadAsync(card);

        var results = await Task.WhenAll(writers.Select(w =>
        {
            var topUp = new CardToppedUp(NewOp("race"), fixture.Clock.GetUtcNow(), Money.FromFen(100), City.ZG, TopUpChannel.Kiosk);
            return w.AppendAsync(CardAppend.Of(loaded, [topUp]));
        }));

        Assert.Single(results, r => r.Outcome == AppendOutcome.Appended);
        Assert.Equal(7, results.Count(r => r.Outcome == AppendOutcome.VersionConflict));
        var events = await writers[0].ReadAsync(card);
        Assert.Equal(2, events.Count);
        Assert.Equal(100, (await writers[0].LoadAsync(card)).Balance.Fen);
    }

    [Fact]
    public async Task A_stale_grain_state_loses_the_race_reloads_and_decides_again_without_losing_either_event()
    {
        var card = CardClusterFixture.NewCard(City.LZ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(1_000));

        // Another writer (say, a second activation during a network partition) appends behind the grain's back.
        var other = NewStore();
        var number = CardNumber.Parse(card);
        var seen = await other.LoadAsync(number);
        var sneaky = new CardToppedUp(NewOp("sneaky"), fixture.Clock.GetUtcNow(), Money.FromFen(2_000), City.LZ, TopUpChannel.Online);
        Assert.Equal(AppendOutcome.Appended, (await other.AppendAsync(CardAppend.Of(seen, [sneaky]))).Outcome);

        var charged = await fixture.Cards.ChargeAsync(card, Charge(2_500, fixture.Clock.GetUtcNow()));

        Assert.Equal(OperationStatus.Accepted, charged.Status);
        Assert.Equal(500, charged.Balance.Fen);
        Assert.Equal(4, charged.Version);
        var types = (await fixture.Cards.GetHistoryAsync(card))!.Entries.Select(e => e.EventType);
        Assert.Equal(["card_issued.v1", "card_topped_up.v1", "card_topped_up.v1", "card_charged.v1"], types);
    }

    private MartenCardEventStore NewStore() => new(fixture.Store, Options.Create(new CardStoreOptions()));
}
