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

    public MartenCardEventStore(IDocumentStore store, IOptions<CardStoreOptions> options)
    {
        this.store = store;
        settings = options.Value;
        committer = settings.GroupCommit ? new GroupCommitter(store, settings, AppendAloneAsync) : null;
    }

    public async Task<CardState> LoadAsync(CardNumber card, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var snapshot = settings.SnapshotEvery > 0
            ? await session.LoadAsync<CardSnapshot>(card.Value, cancellationToken)
            : null;
        var start = snapshot is { Schema: CardSnapshot.CurrentSchema } s && s.State.Version == s.Version && s.State.Card == card
            ? s.State
            : CardState.Initial(card);

        var tail = await session.Events.FetchStreamAsync(card.Value, fromVersion: start.Version + 1, token: cancellationToken);
        return CardEvolver.Fold(start, tail.Where(e => e.Version > start.Version).Select(e => (CardEvent)e.Data));
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
