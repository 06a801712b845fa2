using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Clearing;

/// <summary>
/// The clearing house's own tables, created with the event store (Marten applies them at start). Postings and the
/// checkpoint live in the same database as the events, so one transaction covers a cycle's postings, movement sums,
/// window changes and checkpoint: a crash leaves either all of it or none.
/// </summary>
public static class ClearingSchema
{
    public const string Checkpoint = "clearing_checkpoint";
    public const string Postings = "ledger_postings";
    public const string Movements = "ledger_movements";
    public const string Windows = "clearing_windows";
    public const string Operations = "clearing_operations";
    public const string HeldCards = "clearing_held_cards";

    public static IEnumerable<Table> Tables(string schema) =>
        [CheckpointTable(schema), PostingsTable(schema), MovementsTable(schema), WindowsTable(schema), OperationsTable(schema), HeldCardsTable(schema)];

    /// <summary>
    /// One row: how far the projection has read, its outstanding gaps, the events it holds (their card's chain broke),
    /// and a version that fences out a stale activation.
    /// </summary>
    private static Table CheckpointTable(string schema)
    {
        var t = new Table(Name(schema, Checkpoint));
        t.AddColumn<string>("id").AsPrimaryKey();
        t.AddColumn<long>("position").NotNull();
        t.AddColumn<long>("cycle").NotNull();
        t.AddColumn("gaps", "jsonb").NotNull();
        t.AddColumn("held", "jsonb");
        t.AddColumn<long>("version").NotNull();
        t.AddColumn<DateTimeOffset>("updated_at").NotNull();
        return t;
    }

    /// <summary>
    /// Every posting line, insert-only. The key (source, leg, line) makes a replayed event impossible to post twice:
    /// source is the event's sequence number, or the window's day for its fee and settlement entries.
    /// </summary>
    private static Table PostingsTable(string schema)
    {
        var t = new Table(Name(schema, Postings));
        t.AddColumn<short>("source_kind").AsPrimaryKey();
        t.AddColumn<long>("source_id").AsPrimaryKey();
        t.AddColumn<short>("leg").AsPrimaryKey();
        t.AddColumn<short>("line").AsPrimaryKey();
        t.AddColumn("city", "varchar(2)").NotNull();
        t.AddColumn("account", "varchar(48)").NotNull();
        t.AddColumn<long>("amount").NotNull();
        t.AddColumn("window_date", "date").NotNull();
        t.AddColumn<bool>("late").NotNull();
        t.AddColumn("kind", "varchar(16)").NotNull();
        t.AddColumn("category", "varchar(16)");
        t.AddColumn("card", "varchar(16)");
        t.AddColumn("operation_id", "varchar(64)");
        t.AddColumn<DateTimeOffset>("business_at").NotNull();
        t.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        return t;
    }

    /// <summary>Debit and credit sums per window, city, account, kind and category: the settlement and trial balances read these.</summary>
    private static Table MovementsTable(string schema)
    {
        var t = new Table(Name(schema, Movements));
        t.AddColumn("window_date", "date").AsPrimaryKey();
        t.AddColumn("city", "varchar(2)").AsPrimaryKey();
        t.AddColumn("account", "varchar(48)").AsPrimaryKey();
        t.AddColumn("kind", "varchar(16)").AsPrimaryKey();
        t.AddColumn("category", "varchar(16)").AsPrimaryKey();
        t.AddColumn<long>("debit").NotNull();
        t.AddColumn<long>("credit").NotNull();
        return t;
    }

    private static Table WindowsTable(string schema)
    {
        var t = new Table(Name(schema, Windows));
        t.AddColumn("window_date", "date").AsPrimaryKey();
        t.AddColumn("status", "varchar(16)").NotNull();
        t.AddColumn("carried_into", "date");
        t.AddColumn("body", "jsonb").NotNull();
        t.AddColumn<DateTimeOffset>("updated_at").NotNull();
        return t;
    }

    /// <summary>Every accepted clearing command, by the caller's operation id: a retry gets the first outcome back.</summary>
    private static Table OperationsTable(string schema)
    {
        var t = new Table(Name(schema, Operations));
        t.AddColumn("operation_id", "varchar(64)").AsPrimaryKey();
        t.AddColumn("fingerprint", "varchar(300)").NotNull();
        t.AddColumn("result", "jsonb").NotNull();
        t.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        return t;
    }

    /// <summary>
    /// Every card whose postings were held because its hash chain broke, one row per break: held, or released (kept, as
    /// the record of what was held and when it was posted).
    /// </summary>
    private static Table HeldCardsTable(string schema)
    {
        var t = new Table(Name(schema, HeldCards));
        t.AddColumn("card", "varchar(16)").AsPrimaryKey();
        t.AddColumn<long>("break_sequence").AsPrimaryKey();
        t.AddColumn("status", "varchar(16)").NotNull();
        t.AddColumn("body", "jsonb").NotNull();
        t.AddColumn<DateTimeOffset>("held_at").NotNull();
        t.AddColumn<DateTimeOffset>("released_at");
        return t;
    }

    private static PostgresqlObjectName Name(string schema, string table) =>
        new(schema, table, SchemaUtils.IdentifierUsage.General);
}
