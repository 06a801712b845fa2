using CityCard.Contracts;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Tests.Settlement;

public sealed class BusinessCalendarTests
{
    [Theory]
    [InlineData("2026-11-26T23:59:59+08:00", 0, "2026-11-26")]
    [InlineData("2026-11-27T00:00:00+08:00", 0, "2026-11-27")]
    [InlineData("2026-11-26T16:30:00+00:00", 0, "2026-11-27")] // 00:30 in China
    [InlineData("2026-11-26T23:10:00+08:00", -60, "2026-11-27")] // the day ends at 23:00
    [InlineData("2026-11-27T01:30:00+08:00", 120, "2026-11-26")] // night buses count for the day before
    public void The_business_day_follows_China_time_and_the_cut_off(string instant, int cutOffMinutes, string day) =>
        Assert.Equal(DateOnly.Parse(day), new BusinessCalendar(TimeSpan.FromMinutes(cutOffMinutes)).DayOf(DateTimeOffset.Parse(instant)));

    [Fact]
    public void A_window_ends_at_the_next_days_cut_off() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, ChinaTime.Offset), BusinessCalendar.MidnightChina.EndOf(new DateOnly(2026, 11, 26)));

    [Theory]
    [InlineData(-720)]
    [InlineData(721)]
    public void A_cut_off_more_than_twelve_hours_from_midnight_is_refused(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BusinessCalendar(TimeSpan.FromMinutes(minutes)));
}
