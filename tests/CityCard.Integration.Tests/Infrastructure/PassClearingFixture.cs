using CityCard.Contracts;
using CityCard.Grains.Clearing;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// A driven clearing cluster whose clock starts on 2 January 2027, once the policy files sell passes (their
/// 2027-01-01 versions), so pass periods can begin and end without closing two months of windows first.
/// </summary>
public sealed class PassClearingFixture : ClearingClusterFixture
{
    public static readonly DateTimeOffset PassesOnSale = new(2027, 1, 2, 9, 0, 0, ChinaTime.Offset);

    /// <summary>
    /// The clock moves to the sale once the silos stand: a cluster started on a clock weeks ahead of the machine's
    /// never agrees on its membership (its probes time out).
    /// </summary>
    protected override void AfterDeploy() => Clock.SetUtcNow(PassesOnSale);

    protected override TimeProvider Time => Clock;

    protected override void Configure(ClearingOptions options)
    {
        options.PollInterval = null;
        options.UseReminder = false;
    }
}
