using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// Public bikes: the first <see cref="FreeMinutes"/> are free, then <see cref="PeriodFare"/> per started period of
/// <see cref="PeriodMinutes"/>; what a card pays for bikes in one city on one day never passes
/// <see cref="DailyCeiling"/>.
/// </summary>
public sealed record BikeFares(int FreeMinutes, int PeriodMinutes, Money PeriodFare, Money DailyCeiling)
{
    /// <summary>The base fare of a ride of that length: started periods after the free minutes.</summary>
    public (Money Fare, long Periods) FareFor(TimeSpan duration)
    {
        var charged = duration - TimeSpan.FromMinutes(FreeMinutes);
        if (charged <= TimeSpan.Zero)
        {
            return (Money.Zero, 0);
        }

        var period = TimeSpan.FromMinutes(PeriodMinutes);
        var periods = (charged.Ticks + period.Ticks - 1) / period.Ticks;
        return (Money.FromFen(checked(periods * PeriodFare.Fen)), periods);
    }

    /// <summary>The most one ride can cost: the ceiling, or a whole day of periods if that is less.</summary>
    public Money HighestFare => Money.Min(DailyCeiling, FareFor(TimeSpan.FromDays(1)).Fare);
}
