using CityCard.Domain.Cards;
using JasperFx;
using Marten;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>
/// What one card append writes into a Marten session: its events with the expected version and their chain hashes, its
/// operation ids, the hotlist changes its events make, and a snapshot when one is due. Staging is separate from saving so that many cards' appends can share a transaction.
/// </summary>
internal static class CardAppendWriter
{
    public static void Stage(IDocumentSession session, CardAppend append, CardStoreOptions settings)
    {
        var key = append.Card.Value;
        var action = append.ExpectedVersion == 0
            ? session.Events.StartStream(key, append.Events)
            : session.Events.Append(key, append.ExpectedVersion + append.Events.Count, append.Events);

        // Each event's link in the chain rides in its own row (mt_events.headers), so it commits with it, costs no
        // extra statement, and comes back with it on every read.
        for (var i = 0; i < action.Events.Count; i++)
        {
            action.Events[i].SetHeader(MartenSetup.ChainHeader, append.Hashes[i]);
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

        if (SnapshotDue(settings, append.ExpectedVersion, version))
        {
            session.Store(new CardSnapshot { Id = key, Version = version, Schema = CardSnapshot.CurrentSchema, State = append.StateAfter });
        }
    }

    /// <summary>The outcome a failed save means for a single append, or null when it is a fault, not an outcome.</summary>
    public static AppendResult? Classify(Exception ex)
    {
        if (IsVersionConflict(ex))
        {
            return AppendResult.VersionConflict;
        }

        return IsDuplicateOperation(ex) ? AppendResult.DuplicateOperation : null;
    }

    private static bool SnapshotDue(CardStoreOptions settings, long fromVersion, long toVersion) =>
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
