using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Hotlist;

/// <summary>What one card event does to the hotlist, if anything: the card is refused by terminals from a block,
/// replacement or closure on, and accepted again after an unblock.</summary>
public readonly record struct HotlistEffect(HotlistAction Action, HotlistReason Reason);

/// <summary>
/// Which card events change the hotlist. Pure, so that the event store can write the change in the same transaction as
/// the event and a test can hold every event type to it.
/// </summary>
public static class HotlistRules
{
    /// <summary>The most changes or entries one hotlist read returns.</summary>
    public const int MaxPageSize = 10_000;

    public static HotlistEffect? EffectOf(CardEvent e) => e switch
    {
        CardBlocked b => new HotlistEffect(HotlistAction.Add, b.Reason switch
        {
            BlockReason.Lost => HotlistReason.Lost,
            BlockReason.Stolen => HotlistReason.Stolen,
            BlockReason.Fraud => HotlistReason.Fraud,
            _ => throw new ArgumentOutOfRangeException(nameof(e), b.Reason, "A recorded block has a known reason."),
        }),
        CardUnblocked => new HotlistEffect(HotlistAction.Remove, HotlistReason.Unblocked),
        CardReplaced => new HotlistEffect(HotlistAction.Add, HotlistReason.Replaced),
        CardClosed => new HotlistEffect(HotlistAction.Add, HotlistReason.Closed),

        // Issue, top-up, taps, reversals and the replacement card's own events leave the list alone. A replacement card
        // awaiting its money refuses taps itself; it is never in a holder's hand before it is active.
        _ => null,
    };
}
