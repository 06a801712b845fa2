using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Disputes;

/// <summary>
/// The list of dispute cases the cities read, <c>dispute_cases</c>, created with the event store and written in the
/// same transaction as the case's events. The events themselves are a Marten stream per case
/// (<see cref="MartenDisputeStore"/>); before decision 0080 they had a table of their own, <c>dispute_events</c>,
/// which a database made then still holds and nothing reads.
/// </summary>
public static class DisputeSchema
{
    public const string Cases = "dispute_cases";

    public static IEnumerable<Table> Tables(string schema) => [CasesTable(schema)];

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
