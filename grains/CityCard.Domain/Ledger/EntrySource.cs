namespace CityCard.Domain.Ledger;

/// <summary>What caused an entry; with the leg and line it is the posting's unique key, so a replay posts nothing twice.</summary>
public enum SourceKind
{
    /// <summary>A card event; the id is its global sequence number in the event store.</summary>
    Event = 1,

    /// <summary>A window's clearing fees; the id is the window's day number.</summary>
    WindowFees = 2,

    /// <summary>A window's settlement; the id is the window's day number.</summary>
    WindowSettlement = 3,
}

public readonly record struct EntrySource(SourceKind Kind, long Id)
{
    public static EntrySource Event(long sequence) => new(SourceKind.Event, sequence);

    public static EntrySource FeesOf(DateOnly window) => new(SourceKind.WindowFees, window.DayNumber);

    public static EntrySource SettlementOf(DateOnly window) => new(SourceKind.WindowSettlement, window.DayNumber);
}
