using CityCard.Contracts;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>
/// Reads the hotlist from <c>hotlist_changes</c>. Versions become visible strictly in order (see
/// <see cref="HotlistTable"/>), so "everything up to the highest visible version" is a complete, stable picture, and
/// a page of the full list as of a version never changes once that version exists.
/// </summary>
public sealed class HotlistStore(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    private readonly string table = $"{options.Value.Schema}.{HotlistTable.Name}";

    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select coalesce(max(version), 0) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The cards whose latest change at or below <paramref name="asOfVersion"/> is an Add, after a card number.</summary>
    public async Task<IReadOnlyList<HotlistEntry>> ListAsync(long asOfVersion, string after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            select card, reason, version, recorded_at from (
                select distinct on (card) card, action, reason, version, recorded_at
                from {table} where version <= $1 and card > $2
                order by card, version desc) latest
            where action = 'Add' order by card limit $3
            """,
            connection)
        {
            Parameters = { new() { Value = asOfVersion }, new() { Value = after }, new() { Value = limit } },
        };
        var entries = new List<HotlistEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HotlistEntry(
                CardNumber.Parse(reader.GetString(0)),
                Enum.Parse<HotlistReason>(reader.GetString(1)),
                reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return entries;
    }

    /// <summary>Up to <paramref name="limit"/> changes with a version above <paramref name="sinceVersion"/>, in order.</summary>
    public async Task<IReadOnlyList<HotlistChange>> ChangesAsync(long sinceVersion, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select version, card, action, reason, recorded_at from {table} where version > $1 order by version limit $2",
            connection)
        {
            Parameters = { new() { Value = sinceVersion }, new() { Value = limit } },
        };
        var changes = new List<HotlistChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new HotlistChange(
                reader.GetInt64(0),
                CardNumber.Parse(reader.GetString(1)),
                Enum.Parse<HotlistAction>(reader.GetString(2)),
                Enum.Parse<HotlistReason>(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return changes;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
