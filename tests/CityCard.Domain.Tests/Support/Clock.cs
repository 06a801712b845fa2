namespace CityCard.Domain.Tests.Support;

/// <summary>The one fixed "now" every decision in these tests is taken at: a Thursday morning in China Standard Time.</summary>
public static class Clock
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, ChinaStandardTime);

    /// <summary>When the events of a test's history were recorded, unless the test says otherwise.</summary>
    public static readonly DateTimeOffset Earlier = Now.AddHours(-1);
}
