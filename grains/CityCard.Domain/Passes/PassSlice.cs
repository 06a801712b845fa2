namespace CityCard.Domain.Passes;

/// <summary>
/// A part of a pass's life apportioned on its own: the whole period of a pass of a month or less, or one calendar
/// month (CST) of a longer one, cut short by a refund. <see cref="DaysBefore"/> and <see cref="DaysThrough"/> count
/// the period's days up to its start and its end, for the share of a pass valid for a time.
/// </summary>
/// <param name="Number">1 for the first slice.</param>
/// <param name="IsLast">The last slice: what the pass's use has not earned by its end is unused value.</param>
public sealed record PassSlice(int Number, DateTimeOffset Start, DateTimeOffset End, bool IsLast, int DaysBefore, int DaysThrough)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
