using System.Runtime.CompilerServices;
using CityCard.Domain.Hotlist;

namespace CityCard.Domain.Tests.Hotlist;

public sealed class Only_status_events_change_the_hotlist
{
    public static TheoryData<CardEvent, HotlistAction, HotlistReason> Changes => new()
    {
        { new CardBlocked("b", Clock.Now, BlockReason.Lost), HotlistAction.Add, HotlistReason.Lost },
        { new CardBlocked("b", Clock.Now, BlockReason.Stolen), HotlistAction.Add, HotlistReason.Stolen },
        { new CardBlocked("b", Clock.Now, BlockReason.Fraud), HotlistAction.Add, HotlistReason.Fraud },
        { new CardUnblocked("u", Clock.Now), HotlistAction.Remove, HotlistReason.Unblocked },
        { new CardReplaced("r", Clock.Now, CardNumber.Create(City.ZG, 2), Money.FromYuan(5), Money.FromYuan(20)), HotlistAction.Add, HotlistReason.Replaced },
        { new CardClosed("c", Clock.Now, Money.FromYuan(5), Money.FromYuan(20)), HotlistAction.Add, HotlistReason.Closed },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_status_event_adds_or_removes_the_card(CardEvent e, HotlistAction action, HotlistReason reason)
    {
        Assert.Equal(new HotlistEffect(action, reason), HotlistRules.EffectOf(e));
    }

    [Fact]
    public void Every_other_event_leaves_the_hotlist_alone()
    {
        var changing = new[] { typeof(CardBlocked), typeof(CardUnblocked), typeof(CardReplaced), typeof(CardClosed) };

        // The rule looks only at the event's type, so an instance without constructor arguments is enough, and the
        // test keeps covering event types added later.
        foreach (var type in CardEventTypes.Names.Keys.Except(changing))
        {
            var e = (CardEvent)RuntimeHelpers.GetUninitializedObject(type);
            Assert.Null(HotlistRules.EffectOf(e));
        }
    }
}
