using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Domain.Cards;

/// <summary>
/// The card's most recent operations, oldest evicted first, so retries are answered from memory and the state (and
/// its snapshot) stays bounded however long the card lives. Uniqueness of older ids is kept by the event store.
/// Held as one array in the order recorded (a lookup scans it, newest first): an immutable dictionary and queue cost
/// about 300 bytes more per active card for the one or two operations most cards remember (issue 9). Its snapshot
/// keeps the shape it had (<see cref="RecentOperationsJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(RecentOperationsJsonConverter))]
public sealed class RecentOperations
{
    private readonly OperationRecord[] records;

    private RecentOperations(OperationRecord[] records) => this.records = records;

    public static RecentOperations Empty { get; } = new([]);

    public int Count => records.Length;

    /// <summary>The operation ids, oldest first (built when asked: the state keeps only the records).</summary>
    public IReadOnlyList<string> Order => [.. records.Select(r => r.OperationId)];

    /// <summary>The records, oldest first.</summary>
    public IReadOnlyList<OperationRecord> InOrder => records;

    /// <summary>The record of <paramref name="operationId"/>, which must be remembered.</summary>
    public OperationRecord this[string operationId] =>
        TryGet(operationId, out var record) ? record : throw new KeyNotFoundException($"Operation '{operationId}' is not remembered.");

    public bool TryGet(string operationId, out OperationRecord record)
    {
        var at = IndexOf(operationId);
        record = at < 0 ? null! : records[at];
        return at >= 0;
    }

    /// <summary>Adds or updates a record; a new one may evict the oldest beyond <paramref name="capacity"/>.</summary>
    public RecentOperations Remember(OperationRecord record, int capacity)
    {
        var at = IndexOf(record.OperationId);
        if (at >= 0)
        {
            var updated = (OperationRecord[])records.Clone();
            updated[at] = record;
            return new(updated);
        }

        if (capacity <= 0)
        {
            return Empty;
        }

        var keep = Math.Min(records.Length, capacity - 1);
        var next = new OperationRecord[keep + 1];
        Array.Copy(records, records.Length - keep, next, 0, keep);
        next[keep] = record;
        return new(next);
    }

    /// <summary>The records given oldest first, as a snapshot stored them; a repeated id keeps its last record in its first place.</summary>
    internal static RecentOperations Of(IEnumerable<OperationRecord> oldestFirst)
    {
        var result = Empty;
        foreach (var record in oldestFirst)
        {
            result = result.Remember(record, int.MaxValue);
        }

        return result;
    }

    private int IndexOf(string operationId)
    {
        for (var i = records.Length - 1; i >= 0; i--)
        {
            if (string.Equals(records[i].OperationId, operationId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// Writes <see cref="RecentOperations"/> as it was written when it held a dictionary and a queue —
/// <c>{"Records": {id: record, …}, "Order": [id, …]}</c> — and reads that shape, so snapshots of schema 4 stay valid.
/// </summary>
public sealed class RecentOperationsJsonConverter : JsonConverter<RecentOperations>
{
    private const string RecordsName = "Records";
    private const string OrderName = "Order";

    public override RecentOperations Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Recent operations are an object.");
        }

        var byId = new Dictionary<string, OperationRecord>(StringComparer.Ordinal);
        var order = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (Is(name, RecordsName, options))
            {
                byId = JsonSerializer.Deserialize<Dictionary<string, OperationRecord>>(ref reader, options) ?? byId;
            }
            else if (Is(name, OrderName, options))
            {
                order = JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? order;
            }
            else
            {
                reader.Skip();
            }
        }

        return RecentOperations.Of(order.Where(byId.ContainsKey).Select(id => byId[id]));
    }

    public override void Write(Utf8JsonWriter writer, RecentOperations value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(NameOf(RecordsName, options));
        writer.WriteStartObject();
        foreach (var record in value.InOrder)
        {
            writer.WritePropertyName(options.DictionaryKeyPolicy?.ConvertName(record.OperationId) ?? record.OperationId);
            JsonSerializer.Serialize(writer, record, options);
        }

        writer.WriteEndObject();
        writer.WritePropertyName(NameOf(OrderName, options));
        writer.WriteStartArray();
        foreach (var record in value.InOrder)
        {
            writer.WriteStringValue(record.OperationId);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string NameOf(string name, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;

    private static bool Is(string? name, string expected, JsonSerializerOptions options) =>
        string.Equals(name, NameOf(expected, options), StringComparison.Ordinal) || string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
