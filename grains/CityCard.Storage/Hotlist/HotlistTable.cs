using CityCard.Domain.Cards;
using CityCard.Domain.Hotlist;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Storage;

/// <summary>
/// The table <c>hotlist_changes</c>: one row per change of the hotlist, written by the card event store in the same
/// transaction as the event that caused it, so the list can never disagree with the card streams.
/// </summary>
/// <remarks>
/// Versions come from a sequence (an identity column), and a plain sequence can commit out of order: a transaction that drew version 6
/// may commit before one that drew 5, and a terminal that read "up to 6" would never see 5. Every writer therefore
/// takes one transaction-scoped advisory lock just before drawing its version and keeps it until commit, so versions
/// become visible strictly in order: whoever sees version n sees every version below it (a rolled-back transaction
/// leaves a gap that stays a gap). Hotlist changes are rare (blocks, unblocks, replacements, closures; taps never
/// take the lock), so serialising them costs nothing that matters.
/// </remarks>
public static class HotlistTable
{
    public const string Name = "hotlist_changes";

    /// <summary>Any fixed number: the key of the advisory lock that orders hotlist versions.</summary>
    public const long VersionLock = 0x4369_7479_486F_74; // "CityHot"

    public static Table Definition(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("version").AsPrimaryKey().BigAutoIncrement();
        table.AddColumn<string>("card").NotNull();
        table.AddColumn<string>("action").NotNull();
        table.AddColumn<string>("reason").NotNull();
        table.AddColumn<DateTimeOffset>("recorded_at").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_card_version").AgainstColumns("card", "version"));
        return table;
    }

    /// <summary>Queues, on the append's own session, the hotlist rows its events call for.</summary>
    public static void QueueChanges(IDocumentSession session, string schema, string card, IEnumerable<CardEvent> events)
    {
        var locked = false;
        foreach (var e in events)
        {
            if (HotlistRules.EffectOf(e) is not { } effect)
            {
                continue;
            }

            if (!locked)
            {
                session.QueueSqlCommand($"select pg_advisory_xact_lock({VersionLock})");
                locked = true;
            }

            // Npgsql writes only UTC offsets to timestamptz; the clock may hand us China time.
            session.QueueSqlCommand(
                $"insert into {schema}.{Name} (card, action, reason, recorded_at) values (?, ?, ?, ?)",
                card, effect.Action.ToString(), effect.Reason.ToString(), e.RecordedAt.ToUniversalTime());
        }
    }
}
