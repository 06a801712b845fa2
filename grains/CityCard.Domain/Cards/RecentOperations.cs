using System.Collections.Immutable;

namespace CityCard.Domain.Cards;

/// <summary>
/// The card's most recent operations, oldest evicted first, so retries are answered from memory and the state (and
/// its snapshot) stays bounded however long the card lives. Uniqueness of older ids is kept by the event store.
/// </summary>
public sealed record RecentOperations
{
    public static RecentOperations Empty { get; } = new();

    public ImmutableDictionary<string, OperationRecord> Records { get; init; } =
        ImmutableDictionary<string, OperationRecord>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Operation ids in the order they were recorded, for eviction.</summary>
    public ImmutableQueue<string> Order { get; init; } = [];

    public int Count => Records.Count;

    public bool TryGet(string operationId, out OperationRecord record) =>
        Records.TryGetValue(operationId, out record!);

    /// <summary>Adds or updates a record; a new one may evict the oldest beyond <paramref name="capacity"/>.</summary>
    public RecentOperations Remember(OperationRecord record, int capacity)
    {
        if (Records.ContainsKey(record.OperationId))
        {
            return this with { Records = Records.SetItem(record.OperationId, record) };
        }

        var records = Records.Add(record.OperationId, record);
        var order = Order.Enqueue(record.OperationId);
        while (records.Count > capacity)
        {
            order = order.Dequeue(out var oldest);
            records = records.Remove(oldest);
        }

        return new RecentOperations { Records = records, Order = order };
    }
}
