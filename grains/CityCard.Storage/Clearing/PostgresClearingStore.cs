using System.Collections.Immutable;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CityCard.Grains.Clearing;

/// <summary>The clearing house's tables in PostgreSQL, beside the event store (<see cref="ClearingSchema"/>).</summary>
public sealed class PostgresClearingStore(IDocumentStore store, IOptions<CardStoreOptions> options) : IClearingStore
{
    private const string CheckpointId = "region";
    private readonly string s = options.Value.Schema;

    public async Task<(ClearingState State, long Version)> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await Execute(connection, $"insert into {s}.{ClearingSchema.Checkpoint} (id, position, cycle, gaps, version, updated_at) values ('{CheckpointId}', 0, 0, '[]', 0, now()) on conflict do nothing", cancellationToken);

        Checkpoint checkpoint;
        long version;
        await using (var command = new NpgsqlCommand($"select position, cycle, gaps::text, version, held::text from {s}.{ClearingSchema.Checkpoint} where id = '{CheckpointId}'", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var gaps = JsonSerializer.Deserialize<List<GapRange>>(reader.GetString(2), ClearingJson.Options) ?? [];
            checkpoint = new Checkpoint(reader.GetInt64(0), [.. gaps], reader.GetInt64(1)) { Held = ReadHeld(reader, 4) };
            version = reader.GetInt64(3);
        }

        var windows = await ReadWindowsInPlayAsync(connection, cancellationToken);
        var frontier = await FrontierAsync(connection, cancellationToken);
        var book = new WindowBook(windows.ToImmutableSortedDictionary(w => w.Date, w => w), frontier);
        var movements = await ReadMovementsAsync(connection, windows.Select(w => w.Date).ToArray(), cancellationToken);
        var holds = await ReadHoldsAsync(connection, null, s, onlyHeld: true, cancellationToken);
        return (new ClearingState(checkpoint, book, movements) { Holds = holds.ToImmutableDictionary(h => h.Card) }, version);
    }

    /// <summary>The checkpoint's held sequence numbers, from the column at <paramref name="ordinal"/> (null before holds existed).</summary>
    public static ImmutableSortedSet<long> ReadHeld(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : [.. JsonSerializer.Deserialize<List<long>>(reader.GetString(ordinal), ClearingJson.Options) ?? []];

    /// <summary>The cards held now (or, with <paramref name="onlyHeld"/> false, every hold ever, released too), in the tables of <paramref name="schema"/>.</summary>
    public static async Task<List<HeldCard>> ReadHoldsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, bool onlyHeld, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select body::text from {schema}.{ClearingSchema.HeldCards} {(onlyHeld ? "where status = 'Held'" : string.Empty)} order by break_sequence", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var holds = new List<HeldCard>();
        while (await reader.ReadAsync(cancellationToken))
        {
            holds.Add(JsonSerializer.Deserialize<HeldCard>(reader.GetString(0), ClearingJson.Options)!);
        }

        return holds;
    }

    public async Task<long> CommitAsync(ClearingCommit commit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // First, so that a second writer waits on this row and then finds the version moved.
        var checkpoint = commit.Change.State.Checkpoint;
        await using (var update = new NpgsqlCommand(
            $"update {s}.{ClearingSchema.Checkpoint} set position = $1, cycle = $2, gaps = $3::jsonb, held = $6::jsonb, version = version + 1, updated_at = $4 where id = '{CheckpointId}' and version = $5",
            connection, transaction)
        {
            Parameters =
            {
                new() { Value = checkpoint.Position },
                new() { Value = checkpoint.Cycle },
                new() { Value = JsonSerializer.Serialize(checkpoint.Gaps, ClearingJson.Options) },
                new() { Value = commit.At.ToUniversalTime() },
                new() { Value = commit.ExpectedVersion },
                new() { Value = JsonSerializer.Serialize(checkpoint.Held, ClearingJson.Options) },
            },
        })
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new ClearingConflictException(commit.ExpectedVersion);
            }
        }

        await CopyPostingsAsync(connection, commit.Change.Entries, cancellationToken);
        await AddMovementsAsync(connection, transaction, commit.Change.MovementDeltas, cancellationToken);
        await UpsertWindowsAsync(connection, transaction, commit.Change.ChangedWindows, commit.At, cancellationToken);
        await UpsertHoldsAsync(connection, transaction, commit.Change.ChangedHolds, cancellationToken);
        if (commit.Operation is { } op)
        {
            await using var record = new NpgsqlCommand(
                $"insert into {s}.{ClearingSchema.Operations} (operation_id, fingerprint, result, recorded_at) values ($1, $2, $3::jsonb, $4)", connection, transaction)
            {
                Parameters =
                {
                    new() { Value = op.OperationId },
                    new() { Value = op.Fingerprint },
                    new() { Value = JsonSerializer.Serialize(op.Result, ClearingJson.Options) },
                    new() { Value = commit.At.ToUniversalTime() },
                },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return commit.ExpectedVersion + 1;
    }

    public async Task<RecordedOperation?> FindOperationAsync(string operationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select fingerprint, result::text from {s}.{ClearingSchema.Operations} where operation_id = $1", connection)
        {
            Parameters = { new() { Value = operationId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RecordedOperation(operationId, reader.GetString(0), JsonSerializer.Deserialize<ClearingOperationResult>(reader.GetString(1), ClearingJson.Options)!)
            : null;
    }

    public async Task<ClearingWindow?> FindWindowAsync(DateOnly window, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select body::text from {s}.{ClearingSchema.Windows} where window_date = $1", connection)
        {
            Parameters = { new() { Value = window } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is string body
            ? JsonSerializer.Deserialize<ClearingWindow>(body, ClearingJson.Options)
            : null;
    }

    /// <summary>Binary COPY: the bulk of a cycle's writes, several lines per event.</summary>
    private async Task CopyPostingsAsync(NpgsqlConnection connection, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {s}.{ClearingSchema.Postings} (source_kind, source_id, leg, line, city, account, amount, window_date, late, kind, category, card, operation_id, business_at, recorded_at) from stdin (format binary)",
            cancellationToken);
        foreach (var e in entries)
        {
            for (var line = 0; line < e.Postings.Count; line++)
            {
                var p = e.Postings[line];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync((short)e.Source.Kind, NpgsqlDbType.Smallint, cancellationToken);
                await copy.WriteAsync(e.Source.Id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync((short)e.Leg, NpgsqlDbType.Smallint, cancellationToken);
                await copy.WriteAsync((short)line, NpgsqlDbType.Smallint, cancellationToken);
                await copy.WriteAsync(e.Ledger.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(p.Account.Code, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(p.Amount.Fen, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.Window, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(e.Late, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(e.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(copy, e.Category?.ToString(), cancellationToken);
                await WriteNullableAsync(copy, e.Card, cancellationToken);
                await WriteNullableAsync(copy, e.OperationId, cancellationToken);
                await copy.WriteAsync(e.BusinessAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(e.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task AddMovementsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<MovementKey, Movement> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        var rows = deltas.ToList();
        await using var command = new NpgsqlCommand(
            $"insert into {s}.{ClearingSchema.Movements} as m (window_date, city, account, kind, category, debit, credit) " +
            "select * from unnest($1::date[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::bigint[], $7::bigint[]) " +
            "on conflict (window_date, city, account, kind, category) do update set debit = m.debit + excluded.debit, credit = m.credit + excluded.credit",
            connection, transaction)
        {
            Parameters =
            {
                new() { Value = rows.Select(r => r.Key.Window).ToArray() },
                new() { Value = rows.Select(r => r.Key.Ledger.ToString()).ToArray() },
                new() { Value = rows.Select(r => r.Key.Account.Code).ToArray() },
                new() { Value = rows.Select(r => r.Key.Kind.ToString()).ToArray() },
                new() { Value = rows.Select(r => r.Key.Category?.ToString() ?? string.Empty).ToArray() },
                new() { Value = rows.Select(r => r.Value.Debits.Fen).ToArray() },
                new() { Value = rows.Select(r => r.Value.Credits.Fen).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpsertWindowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClearingWindow> windows, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var w in windows)
        {
            await using var command = new NpgsqlCommand(
                $"insert into {s}.{ClearingSchema.Windows} (window_date, status, carried_into, body, updated_at) values ($1, $2, $3, $4::jsonb, $5) " +
                "on conflict (window_date) do update set status = excluded.status, carried_into = excluded.carried_into, body = excluded.body, updated_at = excluded.updated_at",
                connection, transaction)
            {
                Parameters =
                {
                    new() { Value = w.Date },
                    new() { Value = w.Status.ToString() },
                    new() { Value = w.CarriedInto is { } c ? c : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
                    new() { Value = JsonSerializer.Serialize(w, ClearingJson.Options) },
                    new() { Value = at.ToUniversalTime() },
                },
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task UpsertHoldsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<HeldCard> holds, CancellationToken cancellationToken)
    {
        foreach (var h in holds)
        {
            await using var command = new NpgsqlCommand(
                $"insert into {s}.{ClearingSchema.HeldCards} (card, break_sequence, status, body, held_at, released_at) values ($1, $2, $3, $4::jsonb, $5, $6) " +
                "on conflict (card, break_sequence) do update set status = excluded.status, body = excluded.body, released_at = excluded.released_at",
                connection, transaction)
            {
                Parameters =
                {
                    new() { Value = h.Card.Value },
                    new() { Value = h.BreakSequence },
                    new() { Value = h.IsReleased ? "Released" : "Held" },
                    new() { Value = JsonSerializer.Serialize(h, ClearingJson.Options) },
                    new() { Value = h.HeldAt.ToUniversalTime() },
                    new() { Value = h.ReleasedAt is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                },
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Every window not yet settled, except aborted ones whose obligations a settled window has taken over.</summary>
    private async Task<List<ClearingWindow>> ReadWindowsInPlayAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select w.body::text from {s}.{ClearingSchema.Windows} w where w.status <> 'Settled' and not (w.status = 'Aborted' and exists " +
            $"(select 1 from {s}.{ClearingSchema.Windows} c where c.window_date = w.carried_into and c.status = 'Settled')) order by w.window_date",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var windows = new List<ClearingWindow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            windows.Add(JsonSerializer.Deserialize<ClearingWindow>(reader.GetString(0), ClearingJson.Options)!);
        }

        return windows;
    }

    private async Task<DateOnly?> FrontierAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select max(window_date) from {s}.{ClearingSchema.Windows} where status <> 'Open'", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateOnly frontier ? frontier : null;
    }

    private async Task<ImmutableDictionary<DateOnly, ImmutableDictionary<MovementKey, Movement>>> ReadMovementsAsync(NpgsqlConnection connection, DateOnly[] windows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select window_date, city, account, kind, category, debit, credit from {s}.{ClearingSchema.Movements} where window_date = any($1)", connection)
        {
            Parameters = { new() { Value = windows } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var byWindow = new Dictionary<DateOnly, ImmutableDictionary<MovementKey, Movement>.Builder>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var window = reader.GetFieldValue<DateOnly>(0);
            var category = reader.GetString(4);
            var key = new MovementKey(
                window,
                Enum.Parse<City>(reader.GetString(1)),
                Account.Parse(reader.GetString(2)),
                Enum.Parse<EntryKind>(reader.GetString(3)),
                category.Length == 0 ? null : Enum.Parse<Category>(category));
            if (!byWindow.TryGetValue(window, out var sums))
            {
                byWindow[window] = sums = ImmutableDictionary.CreateBuilder<MovementKey, Movement>();
            }

            sums[key] = new Movement(Money.FromFen(reader.GetInt64(5)), Money.FromFen(reader.GetInt64(6)));
        }

        return byWindow.ToImmutableDictionary(w => w.Key, w => w.Value.ToImmutable());
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
