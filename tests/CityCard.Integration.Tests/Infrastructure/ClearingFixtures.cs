using CityCard.Grains.Clearing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>The clearing house runs only when a test calls it: every cycle is the test's to observe.</summary>
public sealed class DrivenClearingFixture : ClearingClusterFixture
{
    protected override TimeProvider Time => Clock;

    protected override void Configure(ClearingOptions options)
    {
        options.PollInterval = null;
        options.UseReminder = false;
    }
}

/// <summary>
/// The clearing house runs on its own timer, in small batches, as in production, on the real time (moved past midnight
/// China time when a run starts just before it, so that a test's day does not end under it).
/// </summary>
public sealed class LiveClearingFixture : ClearingClusterFixture
{
    private readonly TimeProvider clock = ClearOfMidnight.Clock();

    protected override TimeProvider Time => clock;

    protected override void Configure(ClearingOptions options)
    {
        options.PollInterval = TimeSpan.FromMilliseconds(50);
        options.BatchEvents = 40;
        options.ReminderPeriod = TimeSpan.FromMinutes(1);
        options.CatchUpBudget = TimeSpan.FromSeconds(3);
    }

    protected override void ConfigureMessaging(IServiceCollection services)
    {
        services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}
