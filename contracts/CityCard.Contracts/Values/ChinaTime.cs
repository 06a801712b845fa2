namespace CityCard.Contracts;

/// <summary>
/// China Standard Time, UTC+8 all year (no daylight saving): the clock of fares, policies and the business day.
/// Times are stored as instants; this is how they are read as the region reads them.
/// </summary>
public static class ChinaTime
{
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChinaTime(this DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar date in China at that instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
