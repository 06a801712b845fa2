using CityCard.Grains.Clearing;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// A driven clearing cluster, its clock where passes are on sale, that runs the day's pass apportionment by itself
/// as the silo does (the other fixtures turn it off so that their tests choose when a run happens).
/// </summary>
public sealed class DailyPassClearingFixture : ClearingClusterFixture
{
    /// <summary>
    /// The clock moves to the sale once the silos stand: a cluster started on a clock weeks ahead of the machine's
    /// never agrees on its membership (its probes time out).
    /// </summary>
    protected override void AfterDeploy() => Clock.SetUtcNow(PassClearingFixture.PassesOnSale);

    protected override TimeProvider Time => Clock;

    protected override void Configure(ClearingOptions options)
    {
        options.PollInterval = null;
        options.UseReminder = false;
        options.ApportionPassesDaily = true;
    }
}
