namespace CityCard.Domain.Tests.State;

public sealed class Every_event_has_a_pinned_stored_name
{
    [Fact]
    public void Every_concrete_card_event_has_a_versioned_name()
    {
        var eventTypes = typeof(CardEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CardEvent)) && !t.IsAbstract)
            .ToHashSet();

        Assert.Equal(eventTypes, CardEventTypes.Names.Keys.ToHashSet());
        Assert.All(CardEventTypes.Names.Values, name => Assert.Matches(@"^[a-z_]+\.v[0-9]+$", name));
    }

    [Fact]
    public void No_two_events_share_a_name()
    {
        Assert.Equal(CardEventTypes.Names.Count, CardEventTypes.Names.Values.Distinct(StringComparer.Ordinal).Count());
    }
}
