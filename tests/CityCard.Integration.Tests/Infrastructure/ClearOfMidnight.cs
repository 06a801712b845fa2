using CityCard.Domain.Settlement;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// For tests whose steps must all fall in one business day (charge, then read or close "today's" window): a shift that
/// moves "now" past midnight China Standard Time when the real time is close to it. Without it a test run at 23:59 CST
/// taps in one day and reads the next (CI once did exactly that). A shift of zero the rest of the day.
/// </summary>
public static class ClearOfMidnight
{
    /// <summary>How long before midnight a test is moved past it: longer than any test class runs.</summary>
    public static TimeSpan Before { get; } = TimeSpan.FromMinutes(30);

    /// <summary>Where after midnight a moved test starts: taps a minute or two in the past stay in the new day.</summary>
    public static TimeSpan After { get; } = TimeSpan.FromMinutes(10);

    public static TimeSpan ShiftAt(DateTimeOffset now)
    {
        var calendar = BusinessCalendar.MidnightChina;
        var day = calendar.DayOf(now);
        var sinceStart = now - calendar.StartOf(day);
        var untilEnd = calendar.EndOf(day) - now;
        return untilEnd <= Before ? calendar.EndOf(day) + After - now
            : sinceStart < After ? calendar.StartOf(day) + After - now
            : TimeSpan.Zero;
    }

    /// <summary>The system clock with <see cref="ShiftAt"/> applied once, when it is made.</summary>
    public static TimeProvider Clock() => new ShiftedSystemClock(ShiftAt(TimeProvider.System.GetUtcNow()));

    private sealed class ShiftedSystemClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
