using System.Text.Json.Serialization;
using CityCard.Domain.Cards;
using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Storage;

/// <summary>How the project configures Marten: one place, shared by the silo, the tests and the benchmarks.</summary>
public static class MartenSetup
{
    public const string OperationsTable = "card_operations";

    /// <summary>The event header holding the event's link in its stream's hash chain (see docs/decisions/0030).</summary>
    public const string ChainHeader = "chain";

    /// <summary>The snapshots' document table (Marten's <c>mt_doc_</c> and the alias below), read by the card load's own SQL.</summary>
    public const string SnapshotTable = "mt_doc_" + SnapshotAlias;

    private const string SnapshotAlias = "card_snapshot";

    public static void Configure(StoreOptions options, string connectionString, CardStoreOptions store)
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = store.Schema;
        options.Events.DatabaseSchemaName = store.Schema;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        // Card numbers are the stream keys; a stream is one card.
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;

        // Headers carry each event's hash-chain link (ChainHeader), written in the event's own row.
        options.Events.MetadataConfig.HeadersEnabled = true;

        options.UseSystemTextJsonForSerialization(configure: json =>
        {
            json.Converters.Add(new JsonStringEnumConverter());
        });

        // Card streams, dispute case streams and the cities' registry streams share mt_events, each event under its
        // pinned name; the clearing feed selects card events by type (CardEventFeed.CardEventsOnly), not by stream key.
        foreach (var (type, name) in CardEventTypes.Names.Concat(Domain.Disputes.DisputeEventTypes.Names).Concat(Domain.Registry.RegistryEventTypes.Names))
        {
            options.Events.MapEventType(type, name);
        }

        options.Schema.For<CardSnapshot>().DocumentAlias(SnapshotAlias);
        options.Storage.ExtendedSchemaObjects.Add(OperationIds(store.Schema));
        options.Storage.ExtendedSchemaObjects.AddRange(IssueBatchTables.Definitions(store.Schema));
        options.Storage.ExtendedSchemaObjects.AddRange(Clearing.ClearingSchema.Tables(store.Schema));
        options.Storage.ExtendedSchemaObjects.Add(HotlistTable.Definition(store.Schema));
        options.Storage.ExtendedSchemaObjects.AddRange(Disputes.DisputeSchema.Tables(store.Schema));
        options.Storage.ExtendedSchemaObjects.Add(Reconciliation.ReconciliationSchema.Runs(store.Schema));
        options.Storage.ExtendedSchemaObjects.Add(Registry.TerminalSequenceStore.Definition(store.Schema));
    }

    /// <summary>
    /// Every operation id a card ever recorded, unique per card. The card keeps only recent ids in memory; this table,
    /// written in the same transaction as the events, makes an old id's second use fail instead of moving money twice.
    /// </summary>
    private static Table OperationIds(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, OperationsTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("card").AsPrimaryKey();
        table.AddColumn<string>("operation_id").AsPrimaryKey();
        table.AddColumn<long>("version").NotNull();
        table.AddColumn<string>("fingerprint").NotNull();
        return table;
    }
}
