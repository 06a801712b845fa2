using CityCard.Contracts;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Clearing;

/// <summary>
/// The cards that bought or took over a pass since a moment (<c>pass_sold.v1</c>, <c>passes_carried_over.v1</c>), for
/// the pass apportionment run. Moved here from <c>PassClearingGrain</c>, so that only the storage module reads
/// Marten's tables (docs/decisions/0080).
/// </summary>
public sealed class PassCardsQuery(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    public async Task<List<CardNumber>> CardsWithPassesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var schema = options.Value.Schema;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        await using var command = new NpgsqlCommand(
            $"select distinct stream_id from {schema}.mt_events where type in ('pass_sold.v1', 'passes_carried_over.v1') and timestamp >= @since order by stream_id",
            connection);
        command.Parameters.AddWithValue("since", since.UtcDateTime);
        var cards = new List<CardNumber>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (CardNumber.TryParse(reader.GetString(0), out var number))
            {
                cards.Add(number);
            }
        }

        return cards;
    }
}
