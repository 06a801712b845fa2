namespace CityCard.Domain.Cards;

/// <summary>
/// The name a card event is stored under, pinned on the event itself so that renaming or moving the class never
/// orphans stored events. The suffix is the event's schema version: a change that old readers cannot read gets a new
/// type and a new name. <see cref="CardEventTypes"/> collects them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StoredAsAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
