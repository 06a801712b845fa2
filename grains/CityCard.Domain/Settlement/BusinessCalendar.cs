using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>
/// The business day in China Standard Time, with a configurable cut-off. The window of day D runs from D at the
/// cut-off to D+1 at the cut-off: with the default (midnight) that is the calendar day; a cut-off of −01:00 makes the
/// day end at 23:00; +02:00 lets night buses count for the day before.
/// </summary>
public sealed record BusinessCalendar
{
    public static TimeSpan MaxCutOffShift { get; } = TimeSpan.FromHours(12);

    public BusinessCalendar(TimeSpan cutOff)
    {
        if (cutOff <= -MaxCutOffShift || cutOff > MaxCutOffShift || cutOff.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cutOff), cutOff, "The cut-off is whole minutes from midnight CST, within ±12 hours.");
        }

        CutOff = cutOff;
    }

    public static BusinessCalendar MidnightChina { get; } = new(TimeSpan.Zero);

    /// <summary>The shift of the cut-off from midnight China Standard Time.</summary>
    public TimeSpan CutOff { get; }

    public DateOnly DayOf(DateTimeOffset instant) => ChinaTime.DateOf(instant - CutOff);

    public DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset) + CutOff;

    /// <summary>The scheduled cut-off of the day's window.</summary>
    public DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));
}
