using CityCard.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CityCard.Grains.Clearing;

/// <summary>
/// A silo start-up task: wakes the clearing house, which then keeps itself running (its timer while active, its
/// reminder to come back after its silo dies). Every silo runs it; there is still one activation.
/// </summary>
public static class ClearingStartup
{
    public static Task WakeAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IGrainFactory>().GetGrain<IRegionClearingGrain>(IRegionClearingGrain.Key).GetProjectionStatus();
}
