using System.Text.Json.Serialization;

namespace CityCard.Domain.Policies;

/// <summary>How long a pass is valid, and from when. Every boundary is a midnight in China Standard Time.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PassValidity>))]
public enum PassValidity
{
    /// <summary>One calendar month (CST), named when the pass is sold: the current month or the next.</summary>
    CalendarMonth = 1,

    /// <summary><c>days</c> days counting the day of sale as the first.</summary>
    DaysFromSale = 2,

    /// <summary>
    /// <c>days</c> days counting the day of the first ride or entry the pass covers as the first; a pass never used
    /// within <c>activateWithinDays</c> of its sale expires unused.
    /// </summary>
    DaysFromFirstUse = 3,
}
