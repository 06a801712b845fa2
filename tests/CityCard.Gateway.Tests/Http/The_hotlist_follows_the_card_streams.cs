using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public sealed class The_hotlist_follows_the_card_streams(GatewayFixture gateways)
{
    private GatewayClient Desk(City city) => gateways.Client(city, Role.ServiceDesk);

    private GatewayClient Reader(City city) => gateways.Client(city, Role.Terminal);

    [Fact]
    public async Task Blocks_unblocks_replacements_and_closures_come_in_full_and_as_deltas()
    {
        var start = (await Reader(City.LZ).GetHotlistChangesAsync(0, 10_000)).Expect();
        var since = start.More ? throw new InvalidOperationException("too many changes for this test") : start.ToVersion;

        var lost = await gateways.NewActiveCardAsync(City.ZG);
        var found = await gateways.NewActiveCardAsync(City.ZG);
        var replaced = await gateways.NewActiveCardAsync(City.LZ);
        var closed = await gateways.NewActiveCardAsync(City.LZ);
        (await Desk(City.ZG).BlockAsync(lost, new BlockCardBody { Reason = BlockReason.Lost }, NewKey("b"))).Expect();
        (await Desk(City.ZG).BlockAsync(found, new BlockCardBody { Reason = BlockReason.Stolen }, NewKey("b"))).Expect();
        (await Desk(City.ZG).UnblockAsync(found, NewKey("u"))).Expect();
        (await Desk(City.LZ).ReplaceAsync(replaced, new ReplaceCardBody { NewCard = NewCard(City.LZ) }, NewKey("r"))).Expect();
        (await Desk(City.LZ).CloseAsync(closed, NewKey("c"))).Expect();

        var delta = (await Reader(City.ZG).GetHotlistChangesAsync(since)).Expect();
        var mine = delta.Changes.Where(c => new[] { lost, found, replaced, closed }.Contains(c.Card.Value)).ToList();
        Assert.Equal(
            [(lost, HotlistAction.Add, HotlistReason.Lost), (found, HotlistAction.Add, HotlistReason.Stolen), (found, HotlistAction.Remove, HotlistReason.Unblocked),
             (replaced, HotlistAction.Add, HotlistReason.Replaced), (closed, HotlistAction.Add, HotlistReason.Closed)],
            mine.Select(c => (c.Card.Value, c.Action, c.Reason)));
        Assert.True(delta.Changes.Select(c => c.Version).SequenceEqual(delta.Changes.Select(c => c.Version).Order()));
        Assert.Equal(delta.Changes[^1].Version, delta.ToVersion);

        var nothingNew = (await Reader(City.ZG).GetHotlistChangesAsync(delta.ToVersion)).Expect();
        Assert.Empty(nothingNew.Changes);
        Assert.Equal(delta.ToVersion, nothingNew.ToVersion);

        var full = await FullList(Reader(City.LZ), pageSize: 2);
        Assert.Contains(lost, full);
        Assert.Contains(replaced, full);
        Assert.Contains(closed, full);
        Assert.DoesNotContain(found, full);
    }

    [Fact]
    public async Task A_full_download_in_pages_is_one_version_even_while_cards_are_blocked()
    {
        for (var i = 0; i < 5; i++)
        {
            (await Desk(City.ZG).BlockAsync(await gateways.NewActiveCardAsync(City.ZG), new BlockCardBody { Reason = BlockReason.Fraud }, NewKey("b"))).Expect();
        }

        var first = (await Reader(City.ZG).GetHotlistAsync(limit: 2)).Expect();
        var latecomer = await gateways.NewActiveCardAsync(City.ZG);
        (await Desk(City.ZG).BlockAsync(latecomer, new BlockCardBody { Reason = BlockReason.Lost }, NewKey("b"))).Expect();

        var rest = await FullList(Reader(City.ZG), pageSize: 2, asOf: first.AsOfVersion, after: first.NextAfter?.Value);
        Assert.DoesNotContain(latecomer, rest);
        Assert.Contains(latecomer, await FullList(Reader(City.ZG), pageSize: 1_000));
    }

    [Fact]
    public async Task Concurrent_blocks_all_reach_the_delta_in_version_order()
    {
        var since = (await Reader(City.ZG).GetHotlistAsync(limit: 1)).Expect().AsOfVersion;
        var cards = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            cards.Add(await gateways.NewActiveCardAsync(i % 2 == 0 ? City.ZG : City.LZ));
        }

        await Task.WhenAll(cards.Select(card => Desk(CardNumber.Parse(card).Issuer).BlockAsync(card, new BlockCardBody { Reason = BlockReason.Lost }, NewKey("b"))));

        var delta = (await Reader(City.LZ).GetHotlistChangesAsync(since)).Expect();
        var seen = delta.Changes.Select(c => c.Card.Value).ToHashSet();
        Assert.All(cards, card => Assert.Contains(card, seen));
        Assert.True(delta.Changes.Select(c => c.Version).SequenceEqual(delta.Changes.Select(c => c.Version).Order()));
    }

    private static async Task<HashSet<string>> FullList(GatewayClient client, int pageSize, long? asOf = null, string? after = null)
    {
        var cards = new HashSet<string>();
        do
        {
            var page = (await client.GetHotlistAsync(asOf, after, pageSize)).Expect();
            Assert.True(asOf is null || asOf == page.AsOfVersion);
            asOf = page.AsOfVersion;
            Assert.True(page.Entries.Count <= pageSize);
            cards.UnionWith(page.Entries.Select(e => e.Card.Value));
            after = page.NextAfter?.Value;
        }
        while (after is not null);

        return cards;
    }
}
