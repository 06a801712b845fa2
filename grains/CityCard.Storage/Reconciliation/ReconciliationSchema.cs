using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Reconciliation;

/// <summary>The reports of finished reconciliation runs, kept beside the ledgers they judged.</summary>
public static class ReconciliationSchema
{
    public static Table Runs(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, ReconciliationService.RunsTable, SchemaUtils.IdentifierUsage.General));
        t.AddColumn("run_id", "varchar(64)").AsPrimaryKey();
        t.AddColumn<DateTimeOffset>("started_at").NotNull();
        t.AddColumn<DateTimeOffset>("finished_at").NotNull();
        t.AddColumn<bool>("matches").NotNull();
        t.AddColumn("report", "jsonb").NotNull();
        return t;
    }
}
