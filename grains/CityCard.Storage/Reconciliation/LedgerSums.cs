using System.Text.Json;
using CityCard.Contracts;
using CityCard.Domain.Projection;
using CityCard.Domain.Reconciliation;
using CityCard.Domain.Settlement;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using Npgsql;

namespace CityCard.Grains.Reconciliation;

/// <summary>A copy of the ledgers as sums per (window, city, account): from the posting lines and from the movement sums.</summary>
public sealed record LedgerSums(IReadOnlyDictionary<LedgerKey, long> Postings, IReadOnlyDictionary<LedgerKey, long> Movements)
{
    /// <summary>Reads both sums of the ledger tables in <paramref name="schema"/> (the live copy or the rebuilt one, the same way).</summary>
    public static async Task<LedgerSums> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken) =>
        new(
            await SumsAsync(connection, transaction, $"select window_date, city, account, sum(amount)::bigint from {schema}.{ClearingSchema.Postings} group by 1, 2, 3", cancellationToken),
            await SumsAsync(connection, transaction, $"select window_date, city, account, sum(debit - credit)::bigint from {schema}.{ClearingSchema.Movements} group by 1, 2, 3", cancellationToken));

    private static async Task<Dictionary<LedgerKey, long>> SumsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sums = new Dictionary<LedgerKey, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sums[new LedgerKey(reader.GetFieldValue<DateOnly>(0), Enum.Parse<City>(reader.GetString(1)), reader.GetString(2))] = reader.GetInt64(3);
        }

        return sums;
    }
}

/// <summary>
/// The live clearing house as one consistent picture (one repeatable-read transaction): its checkpoint, every window
/// with its history, the ledger sums, and how many events the checkpoint covers. A rebuild reproduces exactly this.
/// </summary>
public sealed record LedgerSnapshot(Checkpoint Checkpoint, IReadOnlyList<ClearingWindow> Windows, LedgerSums Ledgers, long Events)
{
    /// <summary>The cards whose postings the live clearing house held at the snapshot.</summary>
    public IReadOnlyList<HeldCard> Holds { get; init; } = [];

    public static async Task<LedgerSnapshot> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var checkpoint = Checkpoint.Start;
        await using (var command = new NpgsqlCommand($"select position, gaps::text, cycle, held::text from {schema}.{ClearingSchema.Checkpoint} where id = 'region'", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var gaps = JsonSerializer.Deserialize<List<GapRange>>(reader.GetString(1), ClearingJson.Options) ?? [];
                checkpoint = new Checkpoint(reader.GetInt64(0), [.. gaps], reader.GetInt64(2)) { Held = PostgresClearingStore.ReadHeld(reader, 3) };
            }
        }

        var holds = await PostgresClearingStore.ReadHoldsAsync(connection, transaction, schema, onlyHeld: true, cancellationToken);

        var windows = new List<ClearingWindow>();
        await using (var command = new NpgsqlCommand($"select body::text from {schema}.{ClearingSchema.Windows} order by window_date", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                windows.Add(JsonSerializer.Deserialize<ClearingWindow>(reader.GetString(0), ClearingJson.Options)!);
            }
        }

        var ledgers = await LedgerSums.ReadAsync(connection, transaction, schema, cancellationToken);
        await using var count = new NpgsqlCommand(
            $"select count(*) from {schema}.mt_events where seq_id <= $1 and stream_id <> '{CardEventFeed.MartenTombstoneStream}'", connection, transaction)
        {
            Parameters = { new() { Value = checkpoint.Position } },
        };
        var events = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return new LedgerSnapshot(checkpoint, windows, ledgers, events) { Holds = holds };
    }
}
