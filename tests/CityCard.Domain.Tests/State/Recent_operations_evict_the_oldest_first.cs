using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;

namespace CityCard.Domain.Tests.State;

public sealed class Recent_operations_evict_the_oldest_first
{
    private static OperationRecord Record(string id) =>
        new(id, "fingerprint-" + id, OperationStatus.Accepted, null, Money.Zero, CardStatus.Active, 1);

    [Fact]
    public void Beyond_capacity_the_oldest_operation_is_forgotten()
    {
        var recent = RecentOperations.Empty
            .Remember(Record("a"), capacity: 3)
            .Remember(Record("b"), capacity: 3)
            .Remember(Record("c"), capacity: 3)
            .Remember(Record("d"), capacity: 3);

        Assert.Equal(3, recent.Count);
        Assert.False(recent.TryGet("a", out _));
        Assert.True(recent.TryGet("b", out _));
        Assert.True(recent.TryGet("d", out _));
        Assert.Equal(["b", "c", "d"], recent.Order);
    }

    [Fact]
    public void Updating_a_remembered_operation_keeps_its_place_in_line()
    {
        var updated = Record("a") with { BalanceAfter = Yuan(5) };

        var recent = RecentOperations.Empty
            .Remember(Record("a"), capacity: 2)
            .Remember(Record("b"), capacity: 2)
            .Remember(updated, capacity: 2);

        Assert.True(recent.TryGet("a", out var a));
        Assert.Equal(updated, a);
        Assert.Equal(["a", "b"], recent.Order);

        var next = recent.Remember(Record("c"), capacity: 2);
        Assert.False(next.TryGet("a", out _));
        Assert.Equal(["b", "c"], next.Order);
    }

    [Fact]
    public void Operation_ids_are_case_sensitive()
    {
        var recent = RecentOperations.Empty.Remember(Record("Op-1"), capacity: 3);

        Assert.False(recent.TryGet("op-1", out _));
    }

    [Fact]
    public void A_card_keeps_its_last_RecentOperationCapacity_operations()
    {
        var capacity = CardLimits.RecentOperationCapacity;
        var history = new List<CardEvent> { Issued() };
        history.AddRange(Enumerable.Range(1, capacity).Select(i => (CardEvent)ToppedUp(Fen(1), $"top-up-{i}")));

        var state = CardEvolver.Fold(CardState.Initial(Numbers.Zigong), history);

        Assert.Equal(capacity, state.Operations.Count);
        Assert.False(state.Operations.TryGet("issue-1", out _));
        Assert.True(state.Operations.TryGet("top-up-1", out _));
        Assert.True(state.Operations.TryGet($"top-up-{capacity}", out _));
    }

    [Fact]
    public void A_retry_older_than_the_card_remembers_is_decided_afresh()
    {
        // Documented: the decider only knows the recent ids; the event store must refuse the second use of an old id.
        var capacity = CardLimits.RecentOperationCapacity;
        var history = new List<CardEvent> { Issued(), ToppedUp(Fen(1), "top-up-0") };
        history.AddRange(Enumerable.Range(1, capacity).Select(i => (CardEvent)ToppedUp(Fen(1), $"top-up-{i}")));
        var state = CardEvolver.Fold(CardState.Initial(Numbers.Zigong), history);

        var decision = CardDecider.Decide(state, new TopUpRequest("top-up-0", Fen(1), City.ZG, TopUpChannel.ServiceDesk), Clock.Now, TestPolicies.Default);

        Assert.IsType<CardDecision.Append>(decision);
    }
}
