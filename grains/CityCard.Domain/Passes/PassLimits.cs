namespace CityCard.Domain.Passes;

/// <summary>The limits of passes on a card.</summary>
public static class PassLimits
{
    /// <summary>How many passes that are not yet over a card may hold: a month and the next of each city's, and the region's.</summary>
    public const int MaxHeldPasses = 12;

    /// <summary>
    /// How long after a pass is over the card remembers it: a tap up to 31 days late may still fall in its period, and
    /// its last month must still be apportioned.
    /// </summary>
    public static TimeSpan Memory { get; } = TimeSpan.FromDays(62);
}
