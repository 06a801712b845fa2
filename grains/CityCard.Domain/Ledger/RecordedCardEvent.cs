using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Ledger;

/// <summary>A card event as the event store holds it: its global sequence number and the card (stream) it belongs to.</summary>
public sealed record RecordedCardEvent(long Sequence, CardNumber Card, CardEvent Event) : ISequenced
{
    /// <summary>
    /// When the event happened in the world: the terminal's time for a tap (an offline tap may be uploaded days
    /// later), the adjusted ride's tap time for a fare adjustment (it corrects that ride's fare), otherwise the time we
    /// recorded it. The business day, and so the window, follows it.
    /// </summary>
    public DateTimeOffset BusinessTime => Event switch
    {
        CardCharged charged => charged.Tap.TappedAt,
        FareAdjusted adjusted => adjusted.RideTappedAt,
        _ => Event.RecordedAt,
    };
}
