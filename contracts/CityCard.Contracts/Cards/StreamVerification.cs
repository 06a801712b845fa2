using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// Whether a card's stream still hashes to the chain written when its events were appended. <see cref="Break"/>
/// names the first event that does not match; every event after it is unproven too. A dispute is never decided on a
/// stream that does not verify.
/// </summary>
/// <param name="EventsChecked">Events walked, up to and including the first break.</param>
/// <param name="Head">The last event's hash when the stream verifies: a fingerprint of its whole history.</param>
[GenerateSerializer, Immutable, Alias("citycard.stream-verification")]
public sealed record StreamVerification(CardNumber Card, bool Verified, long EventsChecked, string? Head, ChainBreak? Break);

/// <summary>The first event of a stream whose hash does not match, and how.</summary>
/// <param name="Expected">The hash its content and the chain before it give now (null when it cannot be read).</param>
/// <param name="Stored">The hash stored with it when it was appended (null when none was).</param>
[GenerateSerializer, Immutable, Alias("citycard.chain-break")]
public sealed record ChainBreak(long Version, string EventType, string? OperationId, ChainBreakKind Kind, string? Expected, string? Stored);

[JsonConverter(typeof(JsonStringEnumConverter<ChainBreakKind>))]
public enum ChainBreakKind
{
    /// <summary>The event's content (or an earlier one's) is not what was hashed when it was appended.</summary>
    HashMismatch = 1,

    /// <summary>No hash was stored with the event: written around the card event store.</summary>
    HashMissing = 2,

    /// <summary>The stream's versions do not run 1, 2, 3… (an event deleted or renumbered).</summary>
    VersionGap = 3,

    /// <summary>The stored data can no longer be read as the event its name says.</summary>
    Unreadable = 4,
}
