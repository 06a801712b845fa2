using CityCard.Contracts;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>The test clock that keeps a test's day whole: moved past midnight China time only near it.</summary>
public sealed class ClearOfMidnightTests
{
    [Theory]
    [InlineData("2026-12-04T12:00:00", "2026-12-04T12:00:00")]
    [InlineData("2026-12-04T23:29:59", "2026-12-04T23:29:59")]
    [InlineData("2026-12-04T23:30:00", "2026-12-05T00:10:00")]
    [InlineData("2026-12-04T23:59:59", "2026-12-05T00:10:00")]
    [InlineData("2026-12-05T00:00:00", "2026-12-05T00:10:00")]
    [InlineData("2026-12-05T00:09:59", "2026-12-05T00:10:00")]
    [InlineData("2026-12-05T00:10:00", "2026-12-05T00:10:00")]
    public void Now_is_moved_only_when_it_is_close_to_midnight(string chinaTime, string movedTo)
    {
        DateTimeOffset At(string local) => new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), ChinaTime.Offset);
        var now = At(chinaTime);
        Assert.Equal(At(movedTo), now + ClearOfMidnight.ShiftAt(now));
    }
}
