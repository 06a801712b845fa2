using CityCard.Domain.Policies;
using CityCard.Grains.Policies;
using CityCard.Grains.Storage;
using CityCard.Grains.Telemetry;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityCard.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything the grains need: Marten on <paramref name="connectionString"/> with the project's schema, the card
    /// event store, the cities' policies, telemetry and a clock (the system's unless a test registered its own).
    /// The policies are the ones registered before this call (the silo loads them first, so a broken file stops it
    /// with a message), else those of the repository's <c>policies/</c> folder found above the program.
    /// </summary>
    public static IServiceCollection AddCityCardGrains(
        this IServiceCollection services,
        string connectionString,
        Action<CardStoreOptions>? configure = null)
    {
        var options = new CardStoreOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(Options.Create(options));

        services.AddMarten(marten => MartenSetup.Configure(marten, connectionString, options))
            .ApplyAllDatabaseChangesOnStartup();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PolicySet>(_ => PolicyDirectory.Load(PolicyDirectory.Locate(null)));
        services.TryAddSingleton<ICardEventStore, MartenCardEventStore>();
        services.TryAddSingleton<HotlistStore>();
        services.AddMetrics();
        services.TryAddSingleton<CardTelemetry>();
        return services;
    }
}
