using System.Text.Json;
using CityCard.Contracts;
using CityCard.Domain.Reconciliation;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Reconciliation;

/// <summary>
/// The I/O of reconciliation: takes the live snapshot, empties and recreates the rebuilt tables (the live ones' shape,
/// in their own schema), compares the two copies, and keeps the reports in <c>reconciliation_runs</c>.
/// </summary>
public sealed class ReconciliationService(
    IDocumentStore store,
    CardEventFeed feed,
    TimeProvider clock,
    IOptions<CardStoreOptions> storeOptions,
    IOptions<ClearingOptions> clearingOptions,
    IOptions<ReconciliationOptions> options)
{
    public const string RunsTable = "reconciliation_runs";

    private static readonly string[] LedgerTables =
        [ClearingSchema.Checkpoint, ClearingSchema.Postings, ClearingSchema.Movements, ClearingSchema.Windows, ClearingSchema.Operations, ClearingSchema.HeldCards];

    private readonly string live = storeOptions.Value.Schema;
    private readonly string copy = options.Value.RebuildSchemaFor(storeOptions.Value.Schema);

    internal CardEventFeed Feed => feed;

    internal DateTimeOffset Now => clock.GetUtcNow();

    internal ReconciliationOptions Settings => options.Value;

    /// <summary>A whole run at once, for tools and benchmarks: the grain runs the same work a slice at a time.</summary>
    public async Task<ReconciliationReport> ReconcileAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await StartAsync(runId, cancellationToken);
        while (!run.Finished)
        {
            await run.AdvanceAsync(TimeSpan.FromMinutes(10), Settings.BatchEvents, cancellationToken);
        }

        return run.Report!;
    }

    /// <summary>Takes the live snapshot, empties the rebuilt copy and starts a run.</summary>
    internal async Task<ReconciliationRun> StartAsync(string runId, CancellationToken cancellationToken = default)
    {
        var startedAt = Now;
        await using var connection = await OpenAsync(cancellationToken);
        var snapshot = await LedgerSnapshot.ReadAsync(connection, live, cancellationToken);
        await ResetCopyAsync(connection, cancellationToken);

        var rebuilt = new PostgresClearingStore(store, Options.Create(new CardStoreOptions { Schema = copy }));
        var (_, version) = await rebuilt.LoadAsync(cancellationToken);
        var rebuild = new LedgerRebuild(snapshot.Windows, snapshot.Checkpoint, clearingOptions.Value.ToPolicy());
        return new ReconciliationRun(runId, startedAt, snapshot, rebuild, rebuilt, version, this);
    }

    internal async Task<ReconciliationReport> CompareAsync(
        string runId, DateTimeOffset startedAt, LedgerSnapshot snapshot, LedgerRebuild rebuild, long eventsRead, IReadOnlyList<ChainFinding> chainBreaks, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rebuilt = await LedgerSums.ReadAsync(connection, null, copy, cancellationToken);
        var differences = new List<LedgerDifference>();
        foreach (var difference in LedgerComparison.Compare("postings", snapshot.Ledgers.Postings, rebuilt.Postings))
        {
            differences.AddRange(differences.Count < Settings.MaxDifferences
                ? await EventByEventAsync(connection, difference, snapshot.Checkpoint, cancellationToken)
                : [difference]);
        }

        differences.AddRange(LedgerComparison.Compare("movements", snapshot.Ledgers.Movements, rebuilt.Movements));
        var floats = LedgerComparison.Floats(rebuild.Cards, snapshot.Ledgers.Postings, rebuilt.Postings);
        var report = new ReconciliationReport(
            runId, startedAt, Now, snapshot.Checkpoint.Position, snapshot.Checkpoint.Gaps.Count, eventsRead, rebuild.EventsPosted, rebuild.Cards.Cards,
            differences.Count == 0 && floats.All(f => f.Matches) && rebuild.Problems.Count == 0 && chainBreaks.Count == 0 && snapshot.Holds.Count == 0,
            differences.Count, [.. differences.Take(Settings.MaxDifferences)], floats, [.. rebuild.Problems],
            [.. chainBreaks.Take(Settings.MaxDifferences)], [.. snapshot.Holds.Select(h => h.ToView())]);
        await SaveAsync(connection, report, cancellationToken);
        return report;
    }

    /// <summary>
    /// Splits a difference of one account's posting lines into the events whose lines differ, each naming its card,
    /// sequence number and operation id. Only events the live snapshot had posted are compared (up to its position,
    /// not in its gaps, not held), since the live ledger goes on posting. What no event explains (the window's fee or
    /// settlement lines) stays as the account's own difference.
    /// </summary>
    private async Task<IReadOnlyList<LedgerDifference>> EventByEventAsync(NpgsqlConnection connection, LedgerDifference difference, Domain.Projection.Checkpoint at, CancellationToken cancellationToken)
    {
        const string Lines =
            "select source_id, max(card) as card, max(operation_id) as operation_id, sum(amount)::bigint as amount from {0}.{1} " +
            "where source_kind = 1 and window_date = $1 and city = $2 and account = $3{2} group by source_id";
        var covered = " and source_id <= $4 and source_id <> all($5) and not exists (select 1 from unnest($6::bigint[], $7::bigint[]) g(lo, hi) where source_id between g.lo and g.hi)";
        await using var command = new NpgsqlCommand(
            $"select coalesce(l.source_id, r.source_id), coalesce(l.card, r.card), coalesce(l.operation_id, r.operation_id), coalesce(l.amount, 0), coalesce(r.amount, 0) " +
            $"from ({string.Format(System.Globalization.CultureInfo.InvariantCulture, Lines, live, ClearingSchema.Postings, covered)}) l " +
            $"full join ({string.Format(System.Globalization.CultureInfo.InvariantCulture, Lines, copy, ClearingSchema.Postings, string.Empty)}) r on r.source_id = l.source_id " +
            "where coalesce(l.amount, 0) <> coalesce(r.amount, 0) order by 1 limit $8",
            connection)
        {
            Parameters =
            {
                new() { Value = difference.Window },
                new() { Value = difference.City.ToString() },
                new() { Value = difference.Account },
                new() { Value = at.Position },
                new() { Value = at.Held.ToArray() },
                new() { Value = at.Gaps.Select(g => g.From).ToArray() },
                new() { Value = at.Gaps.Select(g => g.To).ToArray() },
                new() { Value = Settings.MaxDifferences },
            },
        };
        var events = new List<LedgerDifference>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (liveFen, rebuiltFen) = (reader.GetInt64(3), reader.GetInt64(4));
                CardNumber? card = !reader.IsDBNull(1) && CardNumber.TryParse(reader.GetString(1), out var number) ? number : null;
                events.Add(difference with
                {
                    LiveFen = liveFen,
                    RebuiltFen = rebuiltFen,
                    DifferenceFen = liveFen - rebuiltFen,
                    Card = card,
                    Sequence = reader.GetInt64(0),
                    OperationId = reader.IsDBNull(2) ? null : reader.GetString(2),
                });
            }
        }

        var unexplained = difference.DifferenceFen - events.Sum(e => e.DifferenceFen);
        if (unexplained != 0)
        {
            events.Add(difference with
            {
                LiveFen = difference.LiveFen - events.Sum(e => e.LiveFen),
                RebuiltFen = difference.RebuiltFen - events.Sum(e => e.RebuiltFen),
                DifferenceFen = unexplained,
            });
        }

        return events;
    }

    internal async Task<ReconciliationReport?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select report::text from {live}.{RunsTable} where run_id = $1", connection)
        {
            Parameters = { new() { Value = runId } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<ReconciliationReport>(json, ClearingJson.Options)
            : null;
    }

    /// <summary>The rebuilt copy: the live ledger tables' shape (keys and indexes included), empty.</summary>
    private async Task ResetCopyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = $"create schema if not exists {copy}; " +
                  string.Join(" ", LedgerTables.Select(t => $"drop table if exists {copy}.{t}; create table {copy}.{t} (like {live}.{t} including all);"));
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SaveAsync(NpgsqlConnection connection, ReconciliationReport report, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"insert into {live}.{RunsTable} (run_id, started_at, finished_at, matches, report) values ($1, $2, $3, $4, $5::jsonb) " +
            "on conflict (run_id) do update set finished_at = excluded.finished_at, matches = excluded.matches, report = excluded.report",
            connection)
        {
            Parameters =
            {
                new() { Value = report.RunId },
                new() { Value = report.StartedAt.ToUniversalTime() },
                new() { Value = report.FinishedAt.ToUniversalTime() },
                new() { Value = report.Matches },
                new() { Value = JsonSerializer.Serialize(report, ClearingJson.Options) },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
