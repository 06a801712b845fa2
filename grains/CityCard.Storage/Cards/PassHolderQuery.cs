using CityCard.Contracts;
using CityCard.Domain.Cards;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Storage;

/// <summary>
/// The cards that bought a pass, or took one over from a replaced card, since a time, in card-number order: whom the
/// pass apportionment run asks (decision 0063). Read from <c>mt_events</c> by the events' pinned names; writes nothing.
/// </summary>
public sealed class PassHolderQuery(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    private static readonly string Sold = CardEventTypes.Names[typeof(PassSold)];
    private static readonly string CarriedOver = CardEventTypes.Names[typeof(PassesCarriedOver)];

    public async Task<List<CardNumber>> CardsWithPassesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select distinct stream_id from {options.Value.Schema}.mt_events where type in ('{Sold}', '{CarriedOver}') and timestamp >= @since order by stream_id",
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
