using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>What a hotlist change does to a terminal's deny list.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HotlistAction>))]
public enum HotlistAction
{
    /// <summary>Refuse this card from now on (or keep refusing it, for a new reason).</summary>
    Add = 1,

    /// <summary>Accept this card again.</summary>
    Remove = 2,
}

/// <summary>Why a card is on the hotlist, or why it left it. Numbers are pinned: they are stored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HotlistReason>))]
public enum HotlistReason
{
    Lost = 1,
    Stolen = 2,
    Fraud = 3,
    Replaced = 4,
    Closed = 5,
    Unblocked = 6,
}

/// <summary>One change of the hotlist, in the order terminals must apply them (<see cref="Version"/> ascending).</summary>
[GenerateSerializer, Immutable, Alias("citycard.hotlist-change")]
public sealed record HotlistChange(long Version, CardNumber Card, HotlistAction Action, HotlistReason Reason, DateTimeOffset RecordedAt);

/// <summary>A card terminals must refuse, as of some hotlist version.</summary>
[GenerateSerializer, Immutable, Alias("citycard.hotlist-entry")]
public sealed record HotlistEntry(CardNumber Card, HotlistReason Reason, long Version, DateTimeOffset Since);

/// <summary>
/// One page of the full hotlist as it stood at <see cref="AsOfVersion"/>, cards in ascending order. Every page of one
/// download names the same version, so the pages fit together; <see cref="NextAfter"/> is null on the last page.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.hotlist-page")]
public sealed record HotlistPage(long AsOfVersion, IReadOnlyList<HotlistEntry> Entries, CardNumber? NextAfter);

/// <summary>
/// The changes after <see cref="SinceVersion"/> up to <see cref="ToVersion"/>, in version order. When
/// <see cref="More"/> is true, ask again since <see cref="ToVersion"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.hotlist-changes")]
public sealed record HotlistChanges(long SinceVersion, long ToVersion, IReadOnlyList<HotlistChange> Changes, bool More);
