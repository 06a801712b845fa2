using CityCard.Contracts;
using CityCard.Domain.Integrity;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>Reads whole card streams with their stored chain hashes, a page of cards at a time, for verification.</summary>
public sealed class StreamChainStore(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    private readonly string schema = options.Value.Schema;

    /// <summary>How many card streams the city's cards have (the streams whose id starts with its code).</summary>
    public async Task<long> CountAsync(City city, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_streams where id like $1", connection)
        {
            Parameters = { new() { Value = $"{city}%" } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Up to <paramref name="limit"/> of the city's streams after <paramref name="after"/>, each with its events in order.</summary>
    public async Task<IReadOnlyList<(CardNumber Card, List<ChainedEvent> Events)>> ReadAsync(City city, string after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"with page as (select id from {schema}.mt_streams where id like $1 and id > $2 order by id limit $3) " +
            $"select e.stream_id, {StoredEventReader.Columns} from {schema}.mt_events e join page on page.id = e.stream_id order by e.stream_id, e.version",
            connection)
        {
            Parameters = { new() { Value = $"{city}%" }, new() { Value = after }, new() { Value = limit } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var serializer = store.Options.Serializer();
        var streams = new List<(CardNumber, List<ChainedEvent>)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (streams.Count == 0 || streams[^1].Item1.Value != id)
            {
                // A stream whose id is not a card number is no card of ours; it is skipped rather than verified.
                if (!CardNumber.TryParse(id, out var card) || card.Value != id)
                {
                    continue;
                }

                streams.Add((card, []));
            }

            streams[^1].Item2.Add(StoredEventReader.Read(reader, serializer, 1));
        }

        return streams;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
