using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// A test moves CityCard's clock (a FakeTimeProvider, days or weeks at a time); Orleans' own machinery stays on the real
/// time. Orleans resolves each area's clock by key and falls back to the default TimeProvider, which the test has
/// replaced: without this, a jump of a month fires every membership, messaging and maintenance timer at once, the
/// silos judge themselves stalled for weeks, and a call in flight can wait many seconds for the cluster to settle.
/// Grain timers (<see cref="TimeProviderNames.Grains"/>) keep the test's clock.
/// </summary>
public static class OrleansOnRealTime
{
    private static readonly string[] MachineryAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
    ];

    public static IServiceCollection PinOrleansToRealTime(this IServiceCollection services)
    {
        foreach (var area in MachineryAreas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }

        return services;
    }
}
