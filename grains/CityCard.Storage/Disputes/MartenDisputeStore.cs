using CityCard.Contracts;
using CityCard.Domain.Disputes;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CityCard.Grains.Disputes;

/// <summary>
/// Dispute cases as Marten event streams, one per case (key <see cref="StreamKey"/>), their events under the pinned
/// names of <see cref="DisputeEventTypes"/>, appended with the expected version like a card's; the list the cities
/// read (<c>dispute_cases</c>, <see cref="DisputeSchema"/>) is written in the same transaction. The clearing feed
/// selects card events by type, so a case's events in <c>mt_events</c> are never read as card events. docs/decisions/0080.
/// </summary>
public sealed class MartenDisputeStore(IDocumentStore store, IOptions<CardStoreOptions> options) : IDisputeStore
{
    /// <summary>What a case's stream key starts with: never a card number, whose first two characters are a city's code.</summary>
    public const string StreamPrefix = "dispute:";

    private readonly string s = options.Value.Schema;

    public static string StreamKey(string caseId) => StreamPrefix + caseId;

    public async Task<IReadOnlyList<DisputeEvent>> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamKey(caseId), token: cancellationToken);
        return [.. events.Select(e => e.Data as DisputeEvent ?? throw new InvalidOperationException($"Stream {StreamKey(caseId)} holds '{e.EventTypeName}', which is not a dispute event."))];
    }

    public async Task<bool> AppendAsync(string caseId, long expectedVersion, IReadOnlyList<DisputeEvent> events, DisputeState after, CancellationToken cancellationToken = default)
    {
        await using var session = store.LightweightSession();
        var key = StreamKey(caseId);
        _ = expectedVersion == 0
            ? session.Events.StartStream(key, events)
            : session.Events.Append(key, expectedVersion + events.Count, events);
        QueueCaseLine(session, after);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (CardAppendWriter.Classify(ex) == AppendResult.VersionConflict)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<DisputeSummary>> ListAsync(City party, DisputeStatus? status, string after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "select case_id, card, charge_operation_id, issuer, acquirer, status, charge_amount, refund_amount, opened_at, updated_at " +
            $"from {s}.{DisputeSchema.Cases} where (issuer = $1 or acquirer = $1) and ($2::text is null or status = $2) and case_id > $3 order by case_id limit $4",
            connection)
        {
            Parameters =
            {
                new() { Value = party.ToString() },
                new() { Value = status?.ToString() ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = after },
                new() { Value = limit },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<DisputeSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new DisputeSummary(
                reader.GetString(0),
                CardNumber.Parse(reader.GetString(1)),
                reader.GetString(2),
                Enum.Parse<City>(reader.GetString(3)),
                Enum.Parse<City>(reader.GetString(4)),
                Enum.Parse<DisputeStatus>(reader.GetString(5)),
                Money.FromFen(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : Money.FromFen(reader.GetInt64(7)),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return cases;
    }

    /// <summary>The case's line in the list, as it stands after the events, queued into the append's own transaction.</summary>
    private void QueueCaseLine(IDocumentSession session, DisputeState after)
    {
        var opened = after.Opened ?? throw new InvalidOperationException($"Case {after.CaseId} has events but was never opened.");

        // A case not upheld has no refund: -1 stands for it here (QueueSqlCommand's parameters take no SQL null).
        session.QueueSqlCommand(
            $"insert into {s}.{DisputeSchema.Cases} (case_id, card, charge_operation_id, issuer, acquirer, status, charge_amount, refund_amount, version, opened_at, updated_at) " +
            "values (?, ?, ?, ?, ?, ?, ?, nullif(?, -1), ?, ?, ?) on conflict (case_id) do update set status = excluded.status, " +
            "refund_amount = excluded.refund_amount, version = excluded.version, updated_at = excluded.updated_at",
            after.CaseId,
            opened.Card.Value,
            opened.ChargeOperationId,
            opened.Card.Issuer.ToString(),
            opened.Acquirer.ToString(),
            after.Status.ToString(),
            opened.ChargeAmount.Fen,
            after.Upheld?.Amount.Fen ?? -1L,
            (int)after.Version,
            opened.RecordedAt.ToUniversalTime(),
            after.Steps[^1].At.ToUniversalTime());
    }
}
