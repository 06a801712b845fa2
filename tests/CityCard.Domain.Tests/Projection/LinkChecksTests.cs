using CityCard.Domain.Integrity;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;
using static CityCard.Domain.Tests.Projection.Cards;

namespace CityCard.Domain.Tests.Projection;

/// <summary>
/// Chain links checked ahead of a cycle (while the cycle before it commits) answer only for the very events they were
/// checked on: an event changed since, or read again, is checked afresh, so a check made ahead never vouches for it.
/// </summary>
public sealed class LinkChecksTests
{
    [Fact]
    public void A_check_made_ahead_answers_for_its_own_event_and_any_other_instance_is_checked_afresh()
    {
        var chain = StoredCardEvent.Chain(Zg, [(1L, Issued(Zg, 0, China(26, 8))), (2L, ToppedUp(500, City.ZG, China(26, 9)))]);
        var links = LinkChecks.Of(chain);
        var tampered = chain[1] with { Event = ToppedUp(50_000, City.ZG, China(26, 9)) };

        Assert.Null(links.Check(chain[0]));
        Assert.Null(links.Check(chain[1]));
        Assert.Equal(ChainBreakKind.HashMismatch, links.Check(tampered)?.Kind);
    }

    [Fact]
    public void A_broken_link_checked_ahead_is_held_as_the_cycle_would_hold_it()
    {
        var chain = StoredCardEvent.Chain(Zg, [(1L, Issued(Zg, 0, China(26, 8))), (2L, ToppedUp(500, City.ZG, China(26, 9)))]);
        var broken = new[] { chain[0], chain[1] with { StoredHash = new string('0', EventChain.HashLength) } };
        var read = new CycleRead(null, [], broken, China(26, 10), 2, ReadToEnd: true);

        var checkedHere = ProjectionStep.Run(ClearingState.Initial, read, ClearingPolicy.Default, China(26, 10));
        var checkedAhead = ProjectionStep.Run(ClearingState.Initial, read with { Links = LinkChecks.Of(broken) }, ClearingPolicy.Default, China(26, 10));

        Assert.Equal(2L, Assert.Single(checkedHere.BrokenChains).BreakSequence);
        Assert.Equal(2L, Assert.Single(checkedAhead.BrokenChains).BreakSequence);
        Assert.Equal(checkedHere.Entries, checkedAhead.Entries);
        Assert.Equal(checkedHere.State.Checkpoint.Held, checkedAhead.State.Checkpoint.Held);
    }
}
