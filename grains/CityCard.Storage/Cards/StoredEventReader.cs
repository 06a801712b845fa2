using System.Data.Common;
using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;
using Marten;

namespace CityCard.Grains.Storage;

/// <summary>
/// Reads card events straight from <c>mt_events</c> rows, one at a time, with the chain hash stored in their headers:
/// what verification needs, because an edited row must be reported (as unreadable, or as not matching its hash)
/// instead of failing the read of the whole stream.
/// </summary>
internal static class StoredEventReader
{
    /// <summary>The columns <see cref="Read"/> expects, in order, for a query over <c>mt_events</c> aliased <c>e</c>.</summary>
    public static string Columns => $"e.version, e.type, e.data, e.headers ->> '{MartenSetup.ChainHeader}'";

    /// <summary>Reads the row at the reader's position; <paramref name="first"/> is the ordinal of its version column.</summary>
    public static ChainedEvent Read(DbDataReader reader, ISerializer serializer, int first = 0)
    {
        var version = reader.GetInt64(first);
        var type = reader.GetString(first + 1);
        var hash = reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3);
        var e = CardEventTypes.ByName.TryGetValue(type, out var clr) ? TryRead(serializer, clr, reader, first + 2) : null;
        return new ChainedEvent(version, type, e, hash);
    }

    /// <summary>The event in the data column at <paramref name="ordinal"/>, or null when the data no longer reads as one.</summary>
    public static CardEvent? TryRead(ISerializer serializer, Type type, DbDataReader reader, int ordinal)
    {
        try
        {
            return serializer.FromJson(type, reader, ordinal) as CardEvent;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
        {
            // Data edited into something the event cannot be read from: reported as unreadable by the chain check.
            return null;
        }
    }
}
