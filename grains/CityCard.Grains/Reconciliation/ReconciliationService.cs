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
        [ClearingSchema.Checkpoint, ClearingSchema.Postings, ClearingSchema.Movements, ClearingSchema.Windows, ClearingSchema.Operations];

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

    internal async Task<ReconciliationReport> CompareAsync(string runId, DateTimeOffset startedAt, LedgerSnapshot snapshot, LedgerRebuild rebuild, long eventsRead, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rebuilt = await LedgerSums.ReadAsync(connection, null, copy, cancellationToken);
        var differences = LedgerComparison.Compare("postings", snapshot.Ledgers.Postings, rebuilt.Postings)
            .Concat(LedgerComparison.Compare("movements", snapshot.Ledgers.Movements, rebuilt.Movements))
            .ToList();
        var floats = LedgerComparison.Floats(rebuild.Cards, snapshot.Ledgers.Postings, rebuilt.Postings);
        var report = new ReconciliationReport(
            runId, startedAt, Now, snapshot.Checkpoint.Position, snapshot.Checkpoint.Gaps.Count, eventsRead, rebuild.EventsPosted, rebuild.Cards.Cards,
            differences.Count == 0 && floats.All(f => f.Matches) && rebuild.Problems.Count == 0,
            differences.Count, [.. differences.Take(Settings.MaxDifferences)], floats, [.. rebuild.Problems]);
        await SaveAsync(connection, report, cancellationToken);
        return report;
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
