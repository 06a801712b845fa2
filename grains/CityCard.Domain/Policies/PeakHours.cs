using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>A span of the day in China Standard Time, from <see cref="From"/> up to (not including) <see cref="To"/>.</summary>
public sealed record TimeWindow(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) => time >= From && time < To;
}

/// <summary>
/// The city's peak hours, every day of the week: an off-peak-only concession does not apply inside them. (Cities
/// that exempt weekends would need a day list here; none of the four does yet.)
/// </summary>
public sealed record PeakHours(IReadOnlyList<TimeWindow> Windows)
{
    public static PeakHours None { get; } = new([]);

    public bool IsPeak(DateTimeOffset instant)
    {
        var time = TimeOnly.FromDateTime(instant.ToChinaTime().DateTime);
        return Windows.Any(w => w.Contains(time));
    }
}
