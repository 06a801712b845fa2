using CityCard.Domain.Policies;
using CityCard.Grains.Clearing;
using CityCard.Grains.Disputes;
using CityCard.Grains.Reconciliation;
using CityCard.Grains.Policies;
using CityCard.Grains.Storage;
using CityCard.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityCard.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Everything the grains need: Marten on <paramref name="connectionString"/> with the project's schema, the card
    /// event store, the cities' policies (and their files, which a fare simulation's draft is validated beside), telemetry and a clock (the system's unless a test registered its own).
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
        services.AddCityCardStorage(connectionString, options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PolicySet>(_ => PolicyDirectory.Load(PolicyDirectory.Locate(null)));
        services.TryAddSingleton<PolicyFiles>(_ => PolicyDirectory.Read(PolicyDirectory.Locate(null)));
        services.TryAddSingleton<Cards.BulkIssuer>();

        // A bad deadline stops the silo at start, naming the setting.
        services.AddOptions<DisputeOptions>().Validate(o => o.ToPolicy() is not null).ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<CardTelemetry>();
        services.TryAddSingleton<IntegrityTelemetry>();
        return services;
    }

    /// <summary>
    /// The clearing house: its store over the same database as the card streams (call <see cref="AddCityCardGrains"/>
    /// too), the event feed, ledger queries and telemetry. Options come from <paramref name="configure"/> on top of
    /// the defaults (or of the configuration bound by the host).
    /// </summary>
    public static IServiceCollection AddCityCardClearing(this IServiceCollection services, Action<ClearingOptions>? configure = null)
    {
        var options = services.AddOptions<ClearingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A bad rate or cap stops the silo at start, naming the setting, rather than at the first projection.
        options.Validate(o => o.ToPolicy() is not null).ValidateOnStart();
        services.AddCityCardClearingStorage();
        services.AddMetrics();
        services.TryAddSingleton<ClearingTelemetry>();
        return services;
    }
}
