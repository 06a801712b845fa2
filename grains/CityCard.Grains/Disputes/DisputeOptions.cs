using CityCard.Domain.Disputes;

namespace CityCard.Grains.Disputes;

/// <summary>Configuration of dispute cases (section <c>Disputes</c>); a bad value stops the silo naming it.</summary>
public sealed class DisputeOptions
{
    public const string Section = "Disputes";

    /// <summary>How many days after a charge's tap a case may be opened against it (1 to 365; default 180).</summary>
    public int DeadlineDays { get; set; } = (int)DisputeLimits.DefaultDeadline.TotalDays;

    public DisputePolicy ToPolicy() =>
        DeadlineDays >= 1 && DeadlineDays <= DisputeLimits.MaxDeadline.TotalDays
            ? new DisputePolicy(TimeSpan.FromDays(DeadlineDays))
            : throw new InvalidOperationException($"Disputes:DeadlineDays is {DeadlineDays}; it must be 1 to {DisputeLimits.MaxDeadline.TotalDays}.");
}
