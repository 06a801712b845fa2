using CityCard.Contracts;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>
/// The cards that bought or took over a pass since a moment: the ones a pass apportionment run must ask. Read from
/// Marten's events table by event type, like the clearing feed, so a dispute case's stream is never taken for a card.
/// </summary>
public sealed class PassHolderQuery(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    private readonly string schema = options.Value.Schema;

    public async Task<List<CardNumber>> CardsWithPassesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select distinct stream_id from {schema}.mt_events where type in ('pass_sold.v1', 'passes_carried_over.v1') and timestamp >= $1 order by stream_id",
            connection)
        {
            Parameters = { new() { Value = since.UtcDateTime } },
        };

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
