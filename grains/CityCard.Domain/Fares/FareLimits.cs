namespace CityCard.Domain.Fares;

/// <summary>The limits of the fare engine and of what a card remembers of its rides.</summary>
public static class FareLimits
{
    /// <summary>No ride (a coach trip, a bike hire) lasts longer than a day.</summary>
    public static TimeSpan MaxRideDuration { get; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How far back, from its latest ride, a card remembers its rides. A late tap may be up to 31 days old
    /// (CardLimits.MaxTapAge) and its price may depend on every ride since the start of its calendar month (free rides
    /// per month) or its 7-day window: 31 + 31 days, and a day's margin.
    /// </summary>
    public static TimeSpan RideMemory { get; } = TimeSpan.FromDays(63);

    /// <summary>
    /// A hard bound on the rides remembered, whatever the time span: 32 rides a day for 63 days. A card that rides more
    /// forgets its oldest first; only a late tap older than what is remembered could then be priced short of a cap.
    /// </summary>
    public const int MaxRememberedRides = 2_048;
}
