using CityCard.Contracts;
using CityCard.Domain.Disputes;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CityCard.Grains.Disputes;

/// <summary>Dispute cases in their own PostgreSQL tables (<see cref="DisputeSchema"/>), beside the event store.</summary>
public sealed class PostgresDisputeStore(IDocumentStore store, IOptions<CardStoreOptions> options) : IDisputeStore
{
    private readonly string s = options.Value.Schema;

    public async Task<IReadOnlyList<DisputeEvent>> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select type, data::text from {s}.{DisputeSchema.Events} where case_id = $1 order by version", connection)
        {
            Parameters = { new() { Value = caseId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<DisputeEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(DisputeJson.Read(reader.GetString(0), reader.GetString(1)));
        }

        return events;
    }

    public async Task<bool> AppendAsync(string caseId, long expectedVersion, IReadOnlyList<DisputeEvent> events, DisputeState after, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var version = expectedVersion;
            foreach (var e in events)
            {
                await using var insert = new NpgsqlCommand(
                    $"insert into {s}.{DisputeSchema.Events} (case_id, version, type, data, recorded_at) values ($1, $2, $3, $4::jsonb, $5)", connection, transaction)
                {
                    Parameters =
                    {
                        new() { Value = caseId },
                        new() { Value = (int)++version },
                        new() { Value = DisputeEventTypes.NameOf(e) },
                        new() { Value = DisputeJson.Write(e) },
                        new() { Value = e.RecordedAt.ToUniversalTime() },
                    },
                };
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await UpsertCaseAsync(connection, transaction, after, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.TableName == DisputeSchema.Events)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<DisputeSummary>> ListAsync(City party, DisputeStatus? status, string after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
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

    private async Task UpsertCaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DisputeState after, CancellationToken cancellationToken)
    {
        var opened = after.Opened ?? throw new InvalidOperationException($"Case {after.CaseId} has events but was never opened.");
        await using var upsert = new NpgsqlCommand(
            $"insert into {s}.{DisputeSchema.Cases} (case_id, card, charge_operation_id, issuer, acquirer, status, charge_amount, refund_amount, version, opened_at, updated_at) " +
            "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (case_id) do update set status = excluded.status, " +
            "refund_amount = excluded.refund_amount, version = excluded.version, updated_at = excluded.updated_at",
            connection, transaction)
        {
            Parameters =
            {
                new() { Value = after.CaseId },
                new() { Value = opened.Card.Value },
                new() { Value = opened.ChargeOperationId },
                new() { Value = opened.Card.Issuer.ToString() },
                new() { Value = opened.Acquirer.ToString() },
                new() { Value = after.Status.ToString() },
                new() { Value = opened.ChargeAmount.Fen },
                new() { Value = after.Upheld?.Amount.Fen ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = (int)after.Version },
                new() { Value = opened.RecordedAt.ToUniversalTime() },
                new() { Value = after.Steps[^1].At.ToUniversalTime() },
            },
        };
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
