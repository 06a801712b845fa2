using CityCard.Contracts;
using CityCard.Domain.Cards;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>
/// Card streams in Marten: one string-keyed stream per card, appended with the expected version so two writers can
/// never fork a stream; operation ids registered in the same transaction; snapshots every N events.
/// </summary>
public sealed class MartenCardEventStore(IDocumentStore store, IOptions<CardStoreOptions> options) : ICardEventStore
{
    private readonly CardStoreOptions settings = options.Value;

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

    public async Task<AppendResult> AppendAsync(CardAppend append, CancellationToken cancellationToken = default)
    {
        var key = append.Card.Value;
        await using var session = store.LightweightSession();
        if (append.ExpectedVersion == 0)
        {
            session.Events.StartStream(key, append.Events);
        }
        else
        {
            session.Events.Append(key, append.ExpectedVersion + append.Events.Count, append.Events);
        }

        var version = append.ExpectedVersion;
        foreach (var e in append.Events)
        {
            version++;
            if (OperationFingerprint.Of(e) is { } fingerprint)
            {
                session.QueueSqlCommand(
                    $"insert into {settings.Schema}.{MartenSetup.OperationsTable} (card, operation_id, version, fingerprint) values (?, ?, ?, ?)",
                    key, e.OperationId, version, fingerprint);
            }
        }

        HotlistTable.QueueChanges(session, settings.Schema, key, append.Events);

        if (SnapshotDue(append.ExpectedVersion, version))
        {
            session.Store(new CardSnapshot { Id = key, Version = version, Schema = CardSnapshot.CurrentSchema, State = append.StateAfter });
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return AppendResult.Appended;
        }
        catch (Exception ex) when (IsVersionConflict(ex))
        {
            return AppendResult.VersionConflict;
        }
        catch (Exception ex) when (IsDuplicateOperation(ex))
        {
            return AppendResult.DuplicateOperation;
        }
    }

    public async Task<IReadOnlyList<CardEvent>> ReadAsync(CardNumber card, long upToVersion = long.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(card.Value, version: upToVersion == long.MaxValue ? 0 : upToVersion, token: cancellationToken);
        return events.Select(e => (CardEvent)e.Data).ToList();
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

    private bool SnapshotDue(long fromVersion, long toVersion) =>
        settings.SnapshotEvery > 0 && toVersion / settings.SnapshotEvery > fromVersion / settings.SnapshotEvery;

    private static bool IsVersionConflict(Exception ex) => Chain(ex).Any(e =>
        e is ConcurrencyException
            or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException
        || (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.TableName == "mt_events"));

    private static bool IsDuplicateOperation(Exception ex) => Chain(ex).Any(e =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.TableName == MartenSetup.OperationsTable);

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
