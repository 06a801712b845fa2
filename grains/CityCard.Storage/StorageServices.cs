using CityCard.Grains.Clearing;
using CityCard.Grains.Disputes;
using CityCard.Grains.Reconciliation;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityCard.Grains;

/// <summary>
/// The storage module's registrations: Marten with the project's schema, and the stores the grains reach PostgreSQL
/// through. Called by <c>AddCityCardGrains</c> and <c>AddCityCardClearing</c>, so the hosts need not know Marten.
/// </summary>
public static class StorageServices
{
    /// <summary>Marten on <paramref name="connectionString"/> (schema applied at start), the card, hotlist, chain, dispute and registry stores, the rides a fare simulation reads.</summary>
    public static IServiceCollection AddCityCardStorage(this IServiceCollection services, string connectionString, CardStoreOptions options)
    {
        services.TryAddSingleton(Options.Create(options));
        services.AddMarten(marten => MartenSetup.Configure(marten, connectionString, options))
            .ApplyAllDatabaseChangesOnStartup();
        services.TryAddSingleton<ICardEventStore, MartenCardEventStore>();
        services.TryAddSingleton<HotlistStore>();
        services.TryAddSingleton<StreamChainStore>();
        services.TryAddSingleton<PassHolderQuery>();
        services.TryAddSingleton<BulkIssueWriter>();
        services.TryAddSingleton<IDisputeStore, MartenDisputeStore>();
        services.TryAddSingleton<Simulation.RideHistoryReader>();
        services.TryAddSingleton<Registry.IRegistryStore, Registry.MartenRegistryStore>();
        services.TryAddSingleton<Registry.TerminalSequenceStore>();
        return services;
    }

    /// <summary>The clearing house's store, the card event feed, the ledger queries and reconciliation's I/O.</summary>
    public static IServiceCollection AddCityCardClearingStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IClearingStore, PostgresClearingStore>();
        services.TryAddSingleton<CardEventFeed>();
        services.TryAddSingleton<LedgerQueries>();
        services.AddOptions<ReconciliationOptions>();
        services.TryAddSingleton<ReconciliationService>();
        return services;
    }
}
