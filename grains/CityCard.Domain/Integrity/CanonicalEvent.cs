using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Integrity;

/// <summary>
/// The one byte form of a card event that its hash covers: compact JSON of the event as the domain sees it (after it
/// was read back, whatever the storage wrote), with members sorted by name, null members left out, instants in UTC
/// with seven decimals, money in fen, enums by name. Only what the domain deserialises is covered: an edit that
/// changes what the domain reads changes these bytes; an unknown extra field in storage does not.
/// </summary>
/// <remarks>
/// Nulls are left out so that a new nullable member (the way events gain information, see cards.md) leaves the
/// canonical form, and so the hash, of every older event as it was. Sorting by name keeps the form independent of
/// declaration order and of the order reflection happens to return.
/// </remarks>
public static class CanonicalEvent
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        Converters = { new UtcInstantConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SortMembersByName } },
    };

    public static byte[] Of(CardEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), Options);

    private static void SortMembersByName(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var sorted = type.Properties.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        type.Properties.Clear();
        foreach (var property in sorted)
        {
            type.Properties.Add(property);
        }
    }

    /// <summary>The same instant always reads the same, whatever offset the clock or the storage used.</summary>
    private sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The canonical form is written, never read.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }
}
