namespace CityCard.Domain.Ledger;

/// <summary>
/// A card event the posting rules do not know. The projection stops on it rather than skip it: an event that moves
/// money and is not posted would make every ledger wrong without anyone noticing. Teach <see cref="PostingRules"/>
/// the event (and its test table) and the projection carries on from where it stopped.
/// </summary>
public sealed class UnknownCardEventException(string eventType)
    : InvalidOperationException($"The posting rules do not know the card event '{eventType}'. Add it to PostingRules (money or no money) before projecting.")
{
    public string EventType { get; } = eventType;
}
