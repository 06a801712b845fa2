using CityCard.Contracts;
using CityCard.Domain.Settlement;

namespace CityCard.Grains.Clearing;

/// <summary>
/// Configuration of the clearing house (section <c>Clearing</c>): the region's rules, and how the projection runs.
/// Validated once into a <see cref="ClearingPolicy"/>; a bad value stops the silo with a message naming it.
/// </summary>
public sealed class ClearingOptions
{
    public const string Section = "Clearing";

    /// <summary>Shift of the business day's cut-off from midnight China Standard Time (default 00:00).</summary>
    public TimeSpan CutOff { get; set; } = TimeSpan.Zero;

    /// <summary>How long after its cut-off a window starts closing by itself; null: only on request.</summary>
    public TimeSpan? AutoCloseAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Fee rates by category name, in basis points; categories not named pay <see cref="DefaultFeeRateBps"/>.</summary>
    public Dictionary<string, int> FeeRatesBps { get; set; } = Enum.GetValues<Category>()
        .Where(c => FeeSchedule.Default.RateOf(c) != FeeSchedule.Default.DefaultRateBps)
        .ToDictionary(c => c.ToString(), FeeSchedule.Default.RateOf);

    public int DefaultFeeRateBps { get; set; } = FeeSchedule.Default.DefaultRateBps;

    /// <summary>Net debit cap per city code, in fen; a city without one is never warned.</summary>
    public Dictionary<string, long> NetDebitCapsFen { get; set; } = [];

    /// <summary>How often the projection runs while the grain is active; null: only when asked (tests).</summary>
    public TimeSpan? PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one timer tick may keep projecting before it yields the grain to calls.</summary>
    public TimeSpan TickBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>CatchUp</c> may take before it answers with how far it got.</summary>
    public TimeSpan CatchUpBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Register the reminder that reactivates the clearing house after its silo dies (needs a reminder service).</summary>
    public bool UseReminder { get; set; } = true;

    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Ask every pass holder, once each business day when the clearing house first runs on it, to apportion the pass
    /// periods that have ended (decision 0063), so no operator waits for someone to remember the run.
    /// </summary>
    public bool ApportionPassesDaily { get; set; } = true;

    public int BatchEvents { get; set; } = ClearingLimits.DefaultBatchEvents;

    public int MaxGapRanges { get; set; } = ClearingLimits.DefaultMaxGapRanges;

    public ClearingPolicy ToPolicy()
    {
        if (BatchEvents is < 1 or > ClearingLimits.MaxBatchEvents)
        {
            throw new InvalidOperationException($"Clearing:BatchEvents is {BatchEvents}; it must be 1 to {ClearingLimits.MaxBatchEvents}.");
        }

        if (MaxGapRanges is < 1 or > ClearingLimits.MaxGapRanges)
        {
            throw new InvalidOperationException($"Clearing:MaxGapRanges is {MaxGapRanges}; it must be 1 to {ClearingLimits.MaxGapRanges}.");
        }

        var rates = FeeRatesBps.ToDictionary(
            r => Enum.TryParse<Category>(r.Key, ignoreCase: true, out var c) && Enum.IsDefined(c)
                ? c
                : throw new InvalidOperationException($"Clearing:FeeRatesBps names '{r.Key}', which is not a category."),
            r => r.Value);
        var caps = NetDebitCapsFen.ToDictionary(
            c => Cities.TryParse(c.Key, out var city) ? city : throw new InvalidOperationException($"Clearing:NetDebitCapsFen names '{c.Key}', which is not a city."),
            c => c.Value > 0 ? Money.FromFen(c.Value) : throw new InvalidOperationException($"Clearing:NetDebitCapsFen:{c.Key} must be a positive number of fen."));
        return new ClearingPolicy(new BusinessCalendar(CutOff), new FeeSchedule(rates, DefaultFeeRateBps), caps, AutoCloseAfter, MaxGapRanges);
    }
}
