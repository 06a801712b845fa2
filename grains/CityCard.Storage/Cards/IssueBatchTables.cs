using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Storage;

/// <summary>
/// The tables of bulk issuance: <c>issue_batches</c>, one row per batch (its fingerprint, how many of its cards are
/// written, its counts), and <c>issue_batch_in_use</c>, the card numbers a batch found already in use. Both are written
/// in the transaction of the chunk they describe, so a batch's row never disagrees with the card streams.
/// </summary>
public static class IssueBatchTables
{
    public const string Batches = "issue_batches";

    public const string InUse = "issue_batch_in_use";

    public static IEnumerable<Table> Definitions(string schema)
    {
        var batches = new Table(new PostgresqlObjectName(schema, Batches, SchemaUtils.IdentifierUsage.General));
        batches.AddColumn<string>("batch_key").AsPrimaryKey();
        batches.AddColumn<string>("fingerprint").NotNull();
        batches.AddColumn<long>("cards").NotNull();
        batches.AddColumn<long>("processed").NotNull().DefaultValue(0);
        batches.AddColumn<long>("issued").NotNull().DefaultValue(0);
        batches.AddColumn<long>("in_use").NotNull().DefaultValue(0);
        batches.AddColumn<DateTimeOffset>("started_at").NotNull();
        batches.AddColumn<DateTimeOffset>("completed_at");
        yield return batches;

        var inUse = new Table(new PostgresqlObjectName(schema, InUse, SchemaUtils.IdentifierUsage.General));
        inUse.AddColumn<string>("batch_key").AsPrimaryKey();
        inUse.AddColumn<string>("card").AsPrimaryKey();
        yield return inUse;
    }
}
