using System.Data.Common;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Disputes;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Clearing;

/// <summary>
/// Reads card events from Marten's <c>mt_events</c> in global sequence order, straight from SQL and deserialised with
/// Marten's own serializer by the pinned event names. Card events are selected by type (<see cref="CardEventsOnly"/>):
/// the dispute cases' streams share <c>mt_events</c>, and their sequence numbers look to the projection like any other
/// gap, resolved once no older transaction is open. An event whose stored name is not a known card event stops the
/// read: it is never skipped. The projection's reads bring each event's chain link and the link stored with the event
/// before it in its stream (one index lookup), so that the link is checked before anything is posted; data that no
/// longer reads as its event comes back as an unreadable event, for the check to name, not as a failed read.
/// </summary>
public sealed class CardEventFeed(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    /// <summary>
    /// When a quick append fails, Marten fills the sequence numbers its transaction had taken with "tombstone" events
    /// on this stream, so that readers are not left waiting on a gap. They carry no card event: the feed leaves them
    /// out, and the gap they leave is resolved like any other (no open transaction can fill it any more).
    /// </summary>
    public const string MartenTombstoneStream = "mt_tombstone";

    private static readonly string OtherStreamsTypes =
        string.Join(", ", DisputeEventTypes.Names.Values.Concat(Domain.Registry.RegistryEventTypes.Names.Values).Order(StringComparer.Ordinal).Select(n => $"'{n}'"));

    /// <summary>
    /// The condition that selects card events of <c>mt_events</c> aliased <paramref name="alias"/>, by type: every row
    /// but Marten's tombstones and the events of the other streams in <c>mt_events</c>, the dispute cases' and the city
    /// registries', known by their pinned names (<see cref="DisputeEventTypes"/>, <see cref="Domain.Registry.RegistryEventTypes"/>).
    /// Selecting by exclusion, not by the list of card event
    /// names, keeps the feed's rule that an event it does not know stops the read: a card event type added by a newer
    /// version is never skipped as a gap. The names are our own constants, written into the statement as literals.
    /// </summary>
    public static string CardEventsOnly(string alias) =>
        $"{alias}.stream_id <> '{MartenTombstoneStream}' and {alias}.type not in ({OtherStreamsTypes})";

    private readonly string schema = options.Value.Schema;

    /// <summary>
    /// One projection cycle's reads, in one round trip and in this order: the oldest open transaction, the events in
    /// outstanding gaps, a batch of new events, then the database clock and the sequence's high-water mark. Each
    /// statement sees the database as it is when that statement starts (read committed).
    /// </summary>
    public async Task<CycleRead> ReadCycleAsync(Checkpoint checkpoint, int batch, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var read = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = PlannedAsAWindowOfTheIndex(connection, read);

        // Other sessions of this database inside a transaction; a session we may not inspect counts as open since forever.
        commands.BatchCommands.Add(new NpgsqlBatchCommand(
            "select min(xact_start), coalesce(bool_or(state is null), false) from pg_stat_activity " +
            "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'"));
        var hasGaps = !checkpoint.Gaps.IsEmpty;
        if (hasGaps)
        {
            // One index range per gap (the lateral subquery, kept apart by "offset 0"): joined to the ranges instead, the
            // planner estimates each range at a share of the whole table and, at a million cards, scanned it.
            commands.BatchCommands.Add(new NpgsqlBatchCommand(
                $"select {StoredColumns} from unnest($1::bigint[], $2::bigint[]) as g(lo, hi) " +
                $"cross join lateral (select * from {schema}.mt_events x where x.seq_id between g.lo and g.hi offset 0) e {PreviousJoin} " +
                $"where {CardEventsOnly("e")} order by e.seq_id")
            {
                Parameters =
                {
                    new() { Value = checkpoint.Gaps.Select(g => g.From).ToArray() },
                    new() { Value = checkpoint.Gaps.Select(g => g.To).ToArray() },
                },
            });
        }

        commands.BatchCommands.Add(new NpgsqlBatchCommand(
            $"select {StoredColumns} from {schema}.mt_events e {PreviousJoin} where e.seq_id > $1 and {CardEventsOnly("e")} order by e.seq_id limit $2")
        {
            Parameters = { new() { Value = checkpoint.Position }, new() { Value = batch } },
        });
        commands.BatchCommands.Add(new NpgsqlBatchCommand(
            $"select clock_timestamp(), case when is_called then last_value else 0 end from {schema}.mt_events_sequence"));

        await using var reader = await commands.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        DateTimeOffset? oldest = reader.GetBoolean(1) ? DateTimeOffset.MinValue
            : reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
        List<StoredCardEvent> gapEvents = [];
        if (hasGaps)
        {
            await reader.NextResultAsync(cancellationToken);
            gapEvents = await ReadStoredEventsAsync(reader, cancellationToken);
        }

        await reader.NextResultAsync(cancellationToken);
        var newEvents = await ReadStoredEventsAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var seenAt = reader.GetFieldValue<DateTimeOffset>(0);
        var highWater = reader.GetInt64(1);
        return new CycleRead(oldest, gapEvents, newEvents, seenAt, highWater, newEvents.Count < batch);
    }

    /// <summary>Events after <paramref name="position"/>, deserialised, without any projection: the benchmark's baseline.</summary>
    public async Task<IReadOnlyList<RecordedCardEvent>> ReadAsync(long position, int batch, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var read = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = PlannedAsAWindowOfTheIndex(connection, read);
        commands.BatchCommands.Add(new NpgsqlBatchCommand(
            $"select e.seq_id, e.stream_id, e.type, e.data from {schema}.mt_events e where e.seq_id > $1 and {CardEventsOnly("e")} order by e.seq_id limit $2")
        {
            Parameters = { new() { Value = position }, new() { Value = batch } },
        });
        await using var reader = await commands.ExecuteReaderAsync(cancellationToken);
        return await ReadEventsAsync(reader, cancellationToken);
    }

    /// <summary>Events after <paramref name="position"/> with their chain links, as a projection cycle reads them: what reconciliation checks.</summary>
    public async Task<IReadOnlyList<StoredCardEvent>> ReadStoredAsync(long position, int batch, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var read = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = PlannedAsAWindowOfTheIndex(connection, read);
        commands.BatchCommands.Add(new NpgsqlBatchCommand(
            $"select {StoredColumns} from {schema}.mt_events e {PreviousJoin} where e.seq_id > $1 and {CardEventsOnly("e")} order by e.seq_id limit $2")
        {
            Parameters = { new() { Value = position }, new() { Value = batch } },
        });
        await using var reader = await commands.ExecuteReaderAsync(cancellationToken);
        return await ReadStoredEventsAsync(reader, cancellationToken);
    }

    /// <summary>One card's whole stream with its chain links, in version order: what releasing a held card verifies and posts.</summary>
    public async Task<IReadOnlyList<StoredCardEvent>> ReadStreamAsync(CardNumber card, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select {StoredColumns} from {schema}.mt_events e {PreviousJoin} where e.stream_id = $1 order by e.version", connection)
        {
            Parameters = { new() { Value = card.Value } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadStoredEventsAsync(reader, cancellationToken);
    }

    /// <summary>The last sequence number handed out, committed or not: every event committed so far is at or below it.</summary>
    public async Task<long> HighWaterAsync(CancellationToken cancellationToken = default) =>
        await ScalarAsync($"select case when is_called then last_value else 0 end from {schema}.mt_events_sequence", cancellationToken);

    /// <summary>The highest committed sequence number of a card event.</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken = default) =>
        await ScalarAsync($"select coalesce(max(e.seq_id), 0) from {schema}.mt_events e where {CardEventsOnly("e")}", cancellationToken);

    /// <summary>
    /// Gap tracking assumes sequence numbers are handed out in the order transactions take them. A sequence cache
    /// above 1 lets a session hold numbers and use them much later: refuse to project rather than risk skipping.
    /// </summary>
    public async Task EnsureSequenceIsUncachedAsync(CancellationToken cancellationToken = default)
    {
        var cache = await ScalarAsync(
            $"select coalesce((select cache_size from pg_sequences where schemaname = '{schema}' and sequencename = 'mt_events_sequence'), 1)",
            cancellationToken);
        if (cache > 1)
        {
            throw new InvalidOperationException($"{schema}.mt_events_sequence caches {cache} numbers per session; the projection needs CACHE 1 to find every late event.");
        }
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A batch on <paramref name="read"/> that first turns off, for that transaction only, parallel workers and JIT
    /// compilation. Every feed read is a short window of the sequence index (a batch of a few thousand events after a
    /// position), but once <c>mt_events</c> holds millions of rows the planner prices it against the whole table: it
    /// started two parallel workers and compiled the statement on every cycle, and at a million cards the projection
    /// read 2,000 events/s instead of 25,000 (docs/operations/benchmarks.md, "At one million cards"). The settings end
    /// with the transaction, so the pooled connection goes back as it came. Read committed: each statement still sees
    /// the database as it is when that statement starts.
    /// </summary>
    private static NpgsqlBatch PlannedAsAWindowOfTheIndex(NpgsqlConnection connection, NpgsqlTransaction read)
    {
        var commands = new NpgsqlBatch(connection, read);
        commands.BatchCommands.Add(new NpgsqlBatchCommand("set local max_parallel_workers_per_gather = 0"));
        commands.BatchCommands.Add(new NpgsqlBatchCommand("set local jit = off"));
        return commands;
    }

    /// <summary>The columns <see cref="ReadStoredEventsAsync"/> reads, over <c>mt_events e</c> joined to the event before it, <c>p</c>.</summary>
    private static string StoredColumns =>
        $"e.seq_id, e.stream_id, e.version, e.type, e.data, e.headers ->> '{MartenSetup.ChainHeader}', p.headers ->> '{MartenSetup.ChainHeader}', p.seq_id is not null";

    private string PreviousJoin => $"left join {schema}.mt_events p on p.stream_id = e.stream_id and p.version = e.version - 1";

    private async Task<List<StoredCardEvent>> ReadStoredEventsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var serializer = store.Options.Serializer();
        var events = new List<StoredCardEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var name = reader.GetString(3);
            if (!CardEventTypes.ByName.TryGetValue(name, out var type))
            {
                throw new UnknownCardEventException(name);
            }

            var card = CardNumber.TryParse(reader.GetString(1), out var number)
                ? number
                : throw new InvalidOperationException($"Event {sequence} is on stream '{reader.GetString(1)}', which is not a card number.");
            events.Add(new StoredCardEvent(
                sequence,
                card,
                reader.GetInt64(2),
                name,
                StoredEventReader.TryRead(serializer, type, reader, 4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetBoolean(7)));
        }

        return events;
    }

    private async Task<List<RecordedCardEvent>> ReadEventsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var serializer = store.Options.Serializer();
        var events = new List<RecordedCardEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var name = reader.GetString(2);
            if (!CardEventTypes.ByName.TryGetValue(name, out var type))
            {
                throw new UnknownCardEventException(name);
            }

            var card = CardNumber.TryParse(reader.GetString(1), out var number)
                ? number
                : throw new InvalidOperationException($"Event {sequence} is on stream '{reader.GetString(1)}', which is not a card number.");
            events.Add(new RecordedCardEvent(sequence, card, (CardEvent)serializer.FromJson(type, reader, 3)));
        }

        return events;
    }
}
