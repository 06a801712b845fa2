using CityCard.Contracts;
using CityCard.Domain.Cards;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CityCard.Grains.Storage;

/// <summary>
/// Writes new card streams in bulk: PostgreSQL's binary COPY straight into Marten's <c>mt_streams</c> and
/// <c>mt_events</c>, and into <c>card_operations</c>, one transaction per chunk of cards. Each row is what a single
/// append of the same event writes: the event serialised by Marten's own serializer under its pinned type name, its
/// chain link in the headers, version 1, a sequence number drawn from <c>mt_events_sequence</c> in the chunk's own
/// transaction (so the clearing projection's gap tracking sees it like any append), and the card's operation id.
/// </summary>
/// <remarks>
/// Marten's own <c>BulkInsertEventsAsync</c> takes its own connection and transaction, so the operation ids and the
/// batch's progress could not commit with the events, and a crash between them would leave a card issued but not
/// registered. Writing the same rows ourselves keeps one chunk one transaction: it is there whole or not at all.
/// </remarks>
public sealed class BulkIssueWriter(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    private readonly string schema = options.Value.Schema;

    /// <summary>Registers the batch if it is new; either way returns its row as stored (the first run's, if any).</summary>
    public async Task<StoredIssueBatch> BeginAsync(string key, string fingerprint, long cards, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            $"insert into {schema}.{IssueBatchTables.Batches} (batch_key, fingerprint, cards, started_at) values ($1, $2, $3, $4) on conflict (batch_key) do nothing",
            connection))
        {
            insert.Parameters.Add(new() { Value = key });
            insert.Parameters.Add(new() { Value = fingerprint });
            insert.Parameters.Add(new() { Value = cards });
            insert.Parameters.Add(new() { Value = now.ToUniversalTime() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return (await FindAsync(connection, key, cancellationToken))!;
    }

    public async Task<StoredIssueBatch?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindAsync(connection, key, cancellationToken);
    }

    /// <summary>The first <paramref name="limit"/> card numbers the batch found already in use, in order.</summary>
    public async Task<IReadOnlyList<string>> InUseCardsAsync(string key, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select card from {schema}.{IssueBatchTables.InUse} where batch_key = $1 order by card limit $2", connection)
        {
            Parameters = { new() { Value = key }, new() { Value = limit } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cards = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cards.Add(reader.GetString(0));
        }

        return cards;
    }

    /// <summary>
    /// Writes the chunk of the batch's cards that starts at <paramref name="offset"/> in one transaction, if that is where
    /// the batch is (another writer may have written it: then nothing is done). A card whose stream already exists is not touched:
    /// it is recorded as in use. A card that got its stream between the check and the copy fails the copy with a
    /// unique violation (<see cref="IsStreamCollision"/>); the caller writes the chunk again, and the check finds it.
    /// </summary>
    public Task<ChunkWritten> WriteChunkAsync(
        string key, long offset, bool last, IReadOnlyList<CardAppend> appends, CancellationToken cancellationToken = default) =>
        WriteChunkAsync(key, offset, last, Prepare(appends), turn: null, cancellationToken);

    /// <summary>
    /// The chunk's rows as the copies write them: each event serialised by Marten's serializer under its pinned name,
    /// with its chain link in its headers, and each operation id with its fingerprint. Pure CPU work with no connection,
    /// so a run prepares the next chunk while this one is being written.
    /// </summary>
    public PreparedChunk Prepare(IReadOnlyList<CardAppend> appends)
    {
        var serializer = store.Options.Serializer();
        var events = new List<PreparedEvent>(appends.Count);
        var operations = new List<PreparedOperation>(appends.Count);
        for (var a = 0; a < appends.Count; a++)
        {
            var append = appends[a];
            var version = append.ExpectedVersion;
            for (var i = 0; i < append.Events.Count; i++)
            {
                var e = append.Events[i];
                version++;
                events.Add(new PreparedEvent(a, version, serializer.ToJson(e), CardEventTypes.NameOf(e), DotNetTypeName(e.GetType()), ChainHeaders(append.Hashes[i])));
                if (OperationFingerprint.Of(e) is { } fingerprint)
                {
                    operations.Add(new PreparedOperation(a, e.OperationId, version, fingerprint));
                }
            }
        }

        return new PreparedChunk(appends, events, operations);
    }

    /// <summary>
    /// Writes a chunk prepared by <see cref="Prepare"/>; as <see cref="WriteChunkAsync(string, long, bool, IReadOnlyList{CardAppend}, CancellationToken)"/>.
    /// With a <paramref name="turn"/>, the chunk is copied at once (while the chunk before it may still be writing, on
    /// another connection), but its transaction takes the batch's row, checks that the batch stands at
    /// <paramref name="offset"/> and commits only once <paramref name="turn"/> has completed: chunks still commit one at
    /// a time and in order, and a chunk whose predecessor failed or was cancelled rolls back with it.
    /// </summary>
    public async Task<ChunkWritten> WriteChunkAsync(
        string key, long offset, bool last, PreparedChunk chunk, Task? turn = null, CancellationToken cancellationToken = default)
    {
        var appends = chunk.Appends;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (turn is null)
        {
            if (!await AtAsync(connection, transaction, key, offset, cancellationToken))
            {
                return new ChunkWritten(0, 0, Skipped: true);
            }
        }
        else if (await ProcessedAsync(connection, transaction, key, locked: false, cancellationToken) is not long processed || processed > offset)
        {
            // Already written by another run of the batch: nothing to copy.
            return new ChunkWritten(0, 0, Skipped: true);
        }

        var existing = await ExistingStreamsAsync(connection, transaction, appends.Select(a => a.Card.Value).ToArray(), cancellationToken);
        var isFresh = new bool[appends.Count];
        var fresh = new List<CardAppend>(appends.Count);
        var inUse = new List<string>();
        for (var a = 0; a < appends.Count; a++)
        {
            isFresh[a] = !existing.Contains(appends[a].Card.Value);
            if (isFresh[a])
            {
                fresh.Add(appends[a]);
            }
            else
            {
                inUse.Add(appends[a].Card.Value);
            }
        }

        await CopyStreamsAsync(connection, fresh, cancellationToken);
        var sequence = await SequenceNumbersAsync(connection, transaction, fresh.Sum(a => a.Events.Count), cancellationToken);
        await CopyEventsAsync(connection, sequence, await TransactionTimeAsync(connection, transaction, cancellationToken), chunk, isFresh, cancellationToken);
        await CopyOperationsAsync(connection, chunk, isFresh, cancellationToken);

        if (turn is not null)
        {
            await turn.WaitAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (!await AtAsync(connection, transaction, key, offset, cancellationToken))
            {
                return new ChunkWritten(0, 0, Skipped: true);
            }
        }

        if (inUse.Count > 0)
        {
            await using var record = new NpgsqlCommand(
                $"insert into {schema}.{IssueBatchTables.InUse} (batch_key, card) select $1, unnest($2::text[]) on conflict do nothing", connection, transaction);
            record.Parameters.Add(new() { Value = key });
            record.Parameters.Add(new() { Value = inUse.ToArray() });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var progress = new NpgsqlCommand(
            $"update {schema}.{IssueBatchTables.Batches} set processed = processed + $2, issued = issued + $3, in_use = in_use + $4, " +
            "completed_at = case when $5 then clock_timestamp() else null end where batch_key = $1",
            connection, transaction))
        {
            progress.Parameters.Add(new() { Value = key });
            progress.Parameters.Add(new() { Value = (long)appends.Count });
            progress.Parameters.Add(new() { Value = (long)fresh.Count });
            progress.Parameters.Add(new() { Value = (long)inUse.Count });
            progress.Parameters.Add(new() { Value = last });
            await progress.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ChunkWritten(fresh.Count, inUse.Count, Skipped: false);
    }

    /// <summary>Takes the batch's row for the rest of the transaction; true when the batch stands at <paramref name="offset"/>.</summary>
    private async Task<bool> AtAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, long offset, CancellationToken cancellationToken) =>
        await ProcessedAsync(connection, transaction, key, locked: true, cancellationToken) is long processed && processed == offset;

    private async Task<long?> ProcessedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, bool locked, CancellationToken cancellationToken)
    {
        await using var position = new NpgsqlCommand(
            $"select processed from {schema}.{IssueBatchTables.Batches} where batch_key = $1{(locked ? " for update" : "")}", connection, transaction);
        position.Parameters.Add(new() { Value = key });
        return await position.ExecuteScalarAsync(cancellationToken) as long?;
    }

    /// <summary>A card's stream (or operation id) was created by someone else while the chunk was being copied.</summary>
    public static bool IsStreamCollision(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.TableName is "mt_streams" or "mt_events" or MartenSetup.OperationsTable;

    private async Task<HashSet<string>> ExistingStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] cards, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select id from {schema}.mt_streams where id = any($1)", connection, transaction)
        {
            Parameters = { new() { Value = cards } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private async Task CopyStreamsAsync(NpgsqlConnection connection, List<CardAppend> appends, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"copy {schema}.mt_streams (id, version) from stdin (format binary)", cancellationToken);
        foreach (var append in appends)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(append.Card.Value, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(append.ExpectedVersion + append.Events.Count, NpgsqlDbType.Bigint, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Sequence numbers for <paramref name="count"/> events, drawn from <c>mt_events_sequence</c> inside the chunk's
    /// transaction as Marten's own appends draw them, so the clearing projection sees them as in flight until commit.
    /// </summary>
    private async Task<List<long>> SequenceNumbersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select nextval('{schema}.mt_events_sequence') from generate_series(1, $1)", connection, transaction)
        {
            Parameters = { new() { Value = count } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var numbers = new List<long>(count);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetInt64(0));
        }

        return numbers;
    }

    /// <summary>
    /// The chunk's transaction time, for its events' <c>mt_events.timestamp</c>: a COPY names every column it fills, and
    /// that column's default in Marten's schema is the moment the schema was created, not the row's (seen in
    /// information_schema), so a bulk-issued event would otherwise carry that moment.
    /// </summary>
    private static async Task<DateTime> TransactionTimeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select now()", connection, transaction);
        return (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task CopyEventsAsync(NpgsqlConnection connection, List<long> sequence, DateTime writtenAt, PreparedChunk chunk, bool[] isFresh, CancellationToken cancellationToken)
    {
        var next = 0;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {schema}.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type, headers, timestamp) from stdin (format binary)", cancellationToken);
        foreach (var e in chunk.Events)
        {
            if (!isFresh[e.Append])
            {
                continue;
            }

            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(sequence[next++], NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(chunk.Appends[e.Append].Card.Value, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(e.Data, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(e.DotNetType, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(e.Headers, NpgsqlDbType.Jsonb, cancellationToken);
            await copy.WriteAsync(writtenAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private async Task CopyOperationsAsync(NpgsqlConnection connection, PreparedChunk chunk, bool[] isFresh, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {schema}.{MartenSetup.OperationsTable} (card, operation_id, version, fingerprint) from stdin (format binary)", cancellationToken);
        foreach (var operation in chunk.Operations)
        {
            if (!isFresh[operation.Append])
            {
                continue;
            }

            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(chunk.Appends[operation.Append].Card.Value, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(operation.OperationId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(operation.Version, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(operation.Fingerprint, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>The .NET type name Marten writes in <c>mt_dotnet_type</c> ("Full.Name, Assembly"), computed once per type.</summary>
    private static string DotNetTypeName(Type type) =>
        DotNetTypeNames.GetOrAdd(type, static t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    /// <summary>
    /// The headers Marten writes for an event whose only header is its chain link: <c>{"chain": "&lt;hex&gt;"}</c>. The
    /// link is 64 lower-case hex digits (nothing to escape); anything else goes through the serializer as before.
    /// </summary>
    private string ChainHeaders(string hash) =>
        CityCard.Domain.Integrity.EventChain.IsWellFormed(hash)
            ? string.Concat("{\"", MartenSetup.ChainHeader, "\":\"", hash, "\"}")
            : store.Options.Serializer().ToJson(new Dictionary<string, object> { [MartenSetup.ChainHeader] = hash });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> DotNetTypeNames = new();

    private async Task<StoredIssueBatch?> FindAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select fingerprint, cards, processed, issued, in_use, completed_at from {schema}.{IssueBatchTables.Batches} where batch_key = $1", connection)
        {
            Parameters = { new() { Value = key } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredIssueBatch(key, reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5))
            : null;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

/// <summary>A batch as its row has it: how far it has come, and what it found.</summary>
public sealed record StoredIssueBatch(string Key, string Fingerprint, long Cards, long Processed, long Issued, long InUse, DateTimeOffset? CompletedAt);

/// <summary>A chunk's rows, serialised ahead of its transaction by <see cref="BulkIssueWriter.Prepare"/>.</summary>
public sealed class PreparedChunk
{
    internal PreparedChunk(IReadOnlyList<CardAppend> appends, IReadOnlyList<PreparedEvent> events, IReadOnlyList<PreparedOperation> operations)
    {
        Appends = appends;
        Events = events;
        Operations = operations;
    }

    public IReadOnlyList<CardAppend> Appends { get; }

    internal IReadOnlyList<PreparedEvent> Events { get; }

    internal IReadOnlyList<PreparedOperation> Operations { get; }
}

/// <summary>One mt_events row of a prepared chunk, but for its sequence number and id (drawn in the chunk's transaction).</summary>
internal sealed record PreparedEvent(int Append, long Version, string Data, string Type, string DotNetType, string Headers);

/// <summary>One card_operations row of a prepared chunk.</summary>
internal sealed record PreparedOperation(int Append, string OperationId, long Version, string Fingerprint);

/// <summary>What writing one chunk did; <see cref="Skipped"/> when the batch was not at that offset (already written).</summary>
public sealed record ChunkWritten(int Issued, int InUse, bool Skipped);
