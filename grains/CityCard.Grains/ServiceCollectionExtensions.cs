using CityCard.Domain.Cards;
using CityCard.Grains.Storage;
using CityCard.Grains.Telemetry;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityCard.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything the grains need: Marten on <paramref name="connectionString"/> with the project's schema, the card
    /// event store, the product catalogue, telemetry and a clock (the system's unless a test registered its own).
    /// </summary>
    public static IServiceCollection AddCityCardGrains(
        this IServiceCollection services,
        string connectionString,
        Action<CardStoreOptions>? configure = null)
    {
        var options = new CardStoreOptions();
        configure?.Invoke(options);
        services.AddOptions<CardStoreOptions>().Configure(o =>
        {
            o.Schema = options.Schema;
            o.SnapshotEvery = options.SnapshotEvery;
        });

        services.AddMarten(marten => MartenSetup.Configure(marten, connectionString, options))
            .ApplyAllDatabaseChangesOnStartup();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ProductCatalog.Default);
        services.TryAddSingleton<ICardEventStore, MartenCardEventStore>();
        services.TryAddSingleton<HotlistStore>();
        services.AddMetrics();
        services.TryAddSingleton<CardTelemetry>();
        return services;
    }
}
