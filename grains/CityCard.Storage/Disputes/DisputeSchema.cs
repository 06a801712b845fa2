using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Disputes;

/// <summary>
/// The dispute cases' own tables, created with the event store. Each case is a short stream of its own in
/// <c>dispute_events</c> (primary key case and version: two writers at one version cannot both land);
/// <c>dispute_cases</c> is the list the cities read, written in the same transaction as the events.
/// Apart from <c>mt_events</c> on purpose: the clearing house reads every row there as a card event.
/// </summary>
public static class DisputeSchema
{
    public const string Events = "dispute_events";
    public const string Cases = "dispute_cases";

    public static IEnumerable<Table> Tables(string schema) => [EventsTable(schema), CasesTable(schema)];

    private static Table EventsTable(string schema)
    {
        var t = new Table(Name(schema, Events));
        t.AddColumn("case_id", "varchar(64)").AsPrimaryKey();
        t.AddColumn<int>("version").AsPrimaryKey();
        t.AddColumn("type", "varchar(48)").NotNull();
        t.AddColumn("data", "jsonb").NotNull();
        t.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        return t;
    }

    private static Table CasesTable(string schema)
    {
        var t = new Table(Name(schema, Cases));
        t.AddColumn("case_id", "varchar(64)").AsPrimaryKey();
        t.AddColumn("card", "varchar(16)").NotNull();
        t.AddColumn("charge_operation_id", "varchar(64)").NotNull();
        t.AddColumn("issuer", "varchar(2)").NotNull();
        t.AddColumn("acquirer", "varchar(2)").NotNull();
        t.AddColumn("status", "varchar(16)").NotNull();
        t.AddColumn<long>("charge_amount").NotNull();
        t.AddColumn<long>("refund_amount");
        t.AddColumn<int>("version").NotNull();
        t.AddColumn<DateTimeOffset>("opened_at").NotNull();
        t.AddColumn<DateTimeOffset>("updated_at").NotNull();
        t.Indexes.Add(new IndexDefinition($"ix_{Cases}_issuer").AgainstColumns("issuer", "case_id"));
        t.Indexes.Add(new IndexDefinition($"ix_{Cases}_acquirer").AgainstColumns("acquirer", "case_id"));
        return t;
    }

    private static PostgresqlObjectName Name(string schema, string table) => new(schema, table, SchemaUtils.IdentifierUsage.General);
}
