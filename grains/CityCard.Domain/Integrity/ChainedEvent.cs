using CityCard.Domain.Cards;

namespace CityCard.Domain.Integrity;

/// <summary>
/// A card event as read back from storage, with the hash stored beside it when it was appended (null when none
/// was). <see cref="Event"/> is null when the stored data can no longer be read as the event its name says.
/// </summary>
public sealed record ChainedEvent(long Version, string EventType, CardEvent? Event, string? StoredHash);
