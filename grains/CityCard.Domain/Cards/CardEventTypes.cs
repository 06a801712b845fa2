namespace CityCard.Domain.Cards;

/// <summary>
/// The stored name of every card event, pinned so that renaming or moving a class never orphans stored events.
/// The suffix is the event's schema version: a change that old readers cannot read gets a new type and name.
/// </summary>
public static class CardEventTypes
{
    public static IReadOnlyDictionary<Type, string> Names { get; } = new Dictionary<Type, string>
    {
        [typeof(CardIssued)] = "card_issued.v1",
        [typeof(CardToppedUp)] = "card_topped_up.v1",
        [typeof(CardCharged)] = "card_charged.v1",
        [typeof(ChargeRefused)] = "charge_refused.v1",
        [typeof(ChargeReversed)] = "charge_reversed.v1",
        [typeof(CardBlocked)] = "card_blocked.v1",
        [typeof(CardUnblocked)] = "card_unblocked.v1",
        [typeof(CardReplaced)] = "card_replaced.v1",
        [typeof(ReplacementCardClaimed)] = "replacement_card_claimed.v1",
        [typeof(ReplacementFundsReceived)] = "replacement_funds_received.v1",
        [typeof(CardClosed)] = "card_closed.v1",
        [typeof(FareAdjusted)] = "fare_adjusted.v1",
        [typeof(ChargeRefunded)] = "charge_refunded.v1",
        [typeof(PassSold)] = "pass_sold.v1",
        [typeof(PassRefunded)] = "pass_refunded.v1",
        [typeof(PassesCarriedOver)] = "passes_carried_over.v1",
        [typeof(PassesApportioned)] = "passes_apportioned.v1",
    };

    public static string NameOf(CardEvent e) => Names[e.GetType()];
}
