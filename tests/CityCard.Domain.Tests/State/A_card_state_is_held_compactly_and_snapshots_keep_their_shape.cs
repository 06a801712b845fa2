using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;

namespace CityCard.Domain.Tests.State;

/// <summary>
/// Issue 9 (memory per active card): the state holds its recent operations in one array and its hashes as bytes, yet
/// reads and writes the JSON a snapshot of schema 4 has, and gives back every text exactly as it was given.
/// </summary>
public sealed class A_card_state_is_held_compactly_and_snapshots_keep_their_shape
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private static CardState Card() => CardEvolver.Fold(CardState.Initial(Numbers.Zigong),
        [Issued(), ToppedUp(Fen(500), "top-up-1"), ToppedUp(Fen(300), "top-up-2")]);

    [Fact]
    public void A_snapshot_round_trips_with_its_operations_in_order_and_its_chain_head()
    {
        var state = Card();

        var copy = JsonSerializer.Deserialize<CardState>(JsonSerializer.Serialize(state, Json), Json)!;

        Assert.Equal(state.ChainHead, copy.ChainHead);
        Assert.Equal(state.Operations.Order, copy.Operations.Order);
        Assert.All(state.Operations.InOrder, r => Assert.Equal(r, copy.Operations[r.OperationId]));
        Assert.Equal((state.Version, state.Balance, state.Status, state.Product), (copy.Version, copy.Balance, copy.Status, copy.Product));
    }

    [Fact]
    public void The_operations_are_written_as_a_dictionary_and_a_queue_were()
    {
        var state = Card();
        var node = JsonNode.Parse(JsonSerializer.Serialize(state, Json))!["Operations"]!;

        var old = JsonNode.Parse(JsonSerializer.Serialize(new
        {
            Records = state.Operations.InOrder.Aggregate(ImmutableDictionary<string, OperationRecord>.Empty, (d, r) => d.Add(r.OperationId, r)),
            Order = ImmutableQueue.CreateRange(state.Operations.Order),
        }, Json))!;

        Assert.Equal(old["Order"]!.ToJsonString(), node["Order"]!.ToJsonString());
        foreach (var record in state.Operations.InOrder)
        {
            Assert.Equal(old["Records"]![record.OperationId]!.ToJsonString(), node["Records"]![record.OperationId]!.ToJsonString());
        }

        var read = JsonSerializer.Deserialize<RecentOperations>(old.ToJsonString(), Json)!;
        Assert.Equal(state.Operations.Order, read.Order);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fingerprint-1")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("00000000000000000000000000000000")]
    public void A_fingerprint_comes_back_as_it_was_given(string fingerprint)
    {
        var record = new OperationRecord("op", fingerprint, OperationStatus.Accepted, null, Money.Zero, CardStatus.Active, 1);

        Assert.Equal(fingerprint, record.Fingerprint);
        Assert.Equal(fingerprint, (record with { Version = 2 }).Fingerprint);
        Assert.Equal(record, record with { Fingerprint = fingerprint });
        Assert.NotEqual(record, record with { Fingerprint = fingerprint + "0" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff0001")]
    [InlineData("00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF0001")]
    [InlineData("not a hash")]
    public void A_chain_head_comes_back_as_it_was_given(string head)
    {
        var state = CardState.Initial(Numbers.Zigong) with { ChainHead = head };

        Assert.Equal(head, state.ChainHead);
        Assert.Equal(state, CardState.Initial(Numbers.Zigong) with { ChainHead = head });
    }
}
