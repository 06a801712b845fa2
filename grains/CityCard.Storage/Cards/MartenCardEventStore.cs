using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>
/// Card streams in Marten: one string-keyed stream per card, appended with the expected version so two writers can
/// never fork a stream; operation ids registered in the same transaction; snapshots every N events; appends of
/// many cards grouped into one transaction when <see cref="CardStoreOptions.GroupCommit"/> is on.
/// </summary>
public sealed class MartenCardEventStore : ICardEventStore, IAsyncDisposable
{
    private readonly IDocumentStore store;
    private readonly CardStoreOptions settings;
    private readonly GroupCommitter? committer;
    private readonly string loadSql;
    private Task? storageReady;

    public MartenCardEventStore(IDocumentStore store, IOptions<CardStoreOptions> options)
    {
        this.store = store;
        settings = options.Value;
        committer = settings.GroupCommit ? new GroupCommitter(store, settings, AppendAloneAsync) : null;
        loadSql = LoadSql(settings.Schema);
    }

    /// <summary>
    /// One row for the snapshot, if any (a null first column; its version in the second), then the stream's events after
    /// it in order: after the snapshot's version when the snapshot is of the schema given as $2, else from the start.
    /// </summary>
    private static string LoadSql(string schema) =>
        $"with s as (select data from {schema}.{MartenSetup.SnapshotTable} where id = $1), " +
        "base as (select coalesce((select (s.data ->> 'Version')::bigint from s where (s.data ->> 'Schema')::int = $2), 0) as after) " +
        "select null::bigint as version, base.after, null::varchar as type, s.data from s, base " +
        "union all " +
        $"select e.version, null, e.type, e.data from {schema}.mt_events e, base where e.stream_id = $1 and e.version > base.after " +
        "order by 1 nulls first";

    public async Task<CardState> LoadAsync(CardNumber card, CancellationToken cancellationToken = default)
    {
        await EnsureStorageAsync(cancellationToken);
        var (snapshot, tail, after) = await ReadSnapshotAndTailAsync(card, cancellationToken);
        var start = snapshot is { Schema: CardSnapshot.CurrentSchema } s && s.State.Version == s.Version && s.State.Card == card
            ? s.State
            : CardState.Initial(card);

        if (start.Version < after)
        {
            // The query trusted a snapshot that does not hold together (its state is of another version or card): the
            // events it skipped are read after all. Never on a snapshot this store wrote.
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(card.Value, fromVersion: start.Version + 1, token: cancellationToken);
            tail = [.. events.Select(e => (e.Version, (CardEvent)e.Data))];
        }

        return CardEvolver.Fold(start, tail.Where(e => e.Version > start.Version).Select(e => e.Event));
    }

    /// <summary>
    /// The card's snapshot and the events after it in one statement, so one round trip and one view of the database:
    /// a snapshot and a tail read apart could straddle an append that writes the next snapshot. Returns the version the
    /// tail starts after (the snapshot's, when it is of the current schema; otherwise 0: the whole stream).
    /// </summary>
    private async Task<(CardSnapshot? Snapshot, List<(long Version, CardEvent Event)> Tail, long After)> ReadSnapshotAndTailAsync(CardNumber card, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(loadSql, connection)
        {
            Parameters = { new() { Value = card.Value }, new() { Value = settings.SnapshotEvery > 0 ? CardSnapshot.CurrentSchema : -1 } },
        };
        // Prepared once per physical connection (Npgsql keeps it across the pool): PostgreSQL plans the query once.
        await command.PrepareAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var serializer = store.Options.Serializer();
        CardSnapshot? snapshot = null;
        var tail = new List<(long Version, CardEvent Event)>();
        long after = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                snapshot = settings.SnapshotEvery > 0 ? serializer.FromJson<CardSnapshot>(reader, 3) : null;
                after = reader.GetInt64(1);
                continue;
            }

            var version = reader.GetInt64(0);
            var type = reader.GetString(2);
            tail.Add((version, CardEventTypes.ByName.TryGetValue(type, out var clr) && serializer.FromJson(clr, reader, 3) is CardEvent e
                ? e
                : throw new InvalidOperationException($"Event {version} of card {card} is of type '{type}', which is no card event.")));
        }

        return (snapshot, tail, after);
    }

    /// <summary>Marten creates a document's table on first use; the load's own SQL reads the snapshots' and events' tables.</summary>
    private Task EnsureStorageAsync(CancellationToken cancellationToken)
    {
        if (storageReady is { IsCompletedSuccessfully: true } ready)
        {
            return ready;
        }

        return storageReady = EnsureAsync();

        async Task EnsureAsync()
        {
            await store.Storage.Database.EnsureStorageExistsAsync(typeof(CardSnapshot), cancellationToken);
            await store.Storage.Database.EnsureStorageExistsAsync(typeof(JasperFx.Events.IEvent), cancellationToken);
        }
    }

    public Task<AppendResult> AppendAsync(CardAppend append, CancellationToken cancellationToken = default) =>
        committer is null ? AppendAloneAsync(append, cancellationToken) : committer.AppendAsync(append, cancellationToken);

    public ValueTask DisposeAsync() => committer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<AppendResult> AppendAloneAsync(CardAppend append, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        CardAppendWriter.Stage(session, append, settings);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return AppendResult.Appended;
        }
        catch (Exception ex) when (CardAppendWriter.Classify(ex) is { } outcome)
        {
            return outcome;
        }
    }

    public async Task<IReadOnlyList<CardEvent>> ReadAsync(CardNumber card, long upToVersion = long.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(card.Value, version: upToVersion == long.MaxValue ? 0 : upToVersion, token: cancellationToken);
        return events.Select(e => (CardEvent)e.Data).ToList();
    }

    public async Task<IReadOnlyList<ChainedEvent>> ReadChainAsync(CardNumber card, CancellationToken cancellationToken = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select {StoredEventReader.Columns} from {settings.Schema}.mt_events e where e.stream_id = $1 order by e.version",
            (NpgsqlConnection)connection)
        {
            Parameters = { new() { Value = card.Value } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var serializer = store.Options.Serializer();
        var events = new List<ChainedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(StoredEventReader.Read(reader, serializer));
        }

        return events;
    }

    public async Task<RegisteredOperation?> FindOperationAsync(CardNumber card, string operationId, CancellationToken cancellationToken = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select version, fingerprint from {settings.Schema}.{MartenSetup.OperationsTable} where card = $1 and operation_id = $2",
            connection)
        {
            Parameters = { new() { Value = card.Value }, new() { Value = operationId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RegisteredOperation(operationId, reader.GetInt64(0), reader.GetString(1))
            : null;
    }
}
