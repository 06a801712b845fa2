using System.Runtime.CompilerServices;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Simulation;

/// <summary>One card's events, in stream order, as a fare policy simulation reads them.</summary>
public sealed record CardRideHistory(CardNumber Card, IReadOnlyList<CardEvent> Events);

/// <summary>
/// Reads what a fare policy simulation replays (decision 0062), never writing: the cards that have a ride charged by a
/// city (its acquirer city) with a tap in a period, and each card's events recorded up to a time, straight from
/// Marten's <c>mt_events</c> and deserialised with Marten's own serializer by the pinned event names, as the clearing
/// feed reads them. The cards come in pages of <see cref="CardsPerPage"/>, in card-number order (keyset on the stream
/// id, which Marten indexes with the version), so one page's events are in memory at a time: the reader holds at most
/// <see cref="CardsPerPage"/> streams, whatever the region's size.
/// </summary>
public sealed class RideHistoryReader(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    public const int CardsPerPage = 500;

    private static readonly string Charged = CardEventTypes.Names[typeof(CardCharged)];

    private readonly string schema = options.Value.Schema;

    /// <summary>
    /// The cards with a ride charged by <paramref name="city"/> tapped in [<paramref name="start"/>, <paramref name="end"/>),
    /// a page at a time, each with its events recorded before <paramref name="recordedBefore"/> (the period's end and
    /// the time a late tap of it may still arrive).
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<CardRideHistory>> ReadAsync(
        City city,
        DateTimeOffset start,
        DateTimeOffset end,
        DateTimeOffset recordedBefore,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        var after = string.Empty;
        while (true)
        {
            var cards = await CardsAsync(connection, city, start, end, after, cancellationToken);
            if (cards.Count == 0)
            {
                yield break;
            }

            yield return await EventsAsync(connection, cards, recordedBefore, cancellationToken);
            if (cards.Count < CardsPerPage)
            {
                yield break;
            }

            after = cards[^1];
        }
    }

    private async Task<List<string>> CardsAsync(NpgsqlConnection connection, City city, DateTimeOffset start, DateTimeOffset end, string after, CancellationToken cancellationToken)
    {
        // Npgsql writes a timestamptz only from a time at offset 0. A transit charge is a card_charged event whose tap carries a ride; the tap's own time says which period it is in.
        await using var command = new NpgsqlCommand(
            $"select distinct e.stream_id from {schema}.mt_events e " +
            $"where e.stream_id > $1 and e.type = '{Charged}' and e.data -> 'Tap' ->> 'AcquirerCity' = $2 " +
            "and jsonb_typeof(e.data -> 'Tap' -> 'Ride') = 'object' " +
            "and (e.data -> 'Tap' ->> 'TappedAt')::timestamptz >= $3 and (e.data -> 'Tap' ->> 'TappedAt')::timestamptz < $4 " +
            "order by e.stream_id limit $5",
            connection)
        {
            Parameters =
            {
                new() { Value = after },
                new() { Value = city.ToString() },
                new() { Value = start.ToUniversalTime() },
                new() { Value = end.ToUniversalTime() },
                new() { Value = CardsPerPage },
            },
        };
        var cards = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cards.Add(reader.GetString(0));
        }

        return cards;
    }

    private async Task<List<CardRideHistory>> EventsAsync(NpgsqlConnection connection, List<string> cards, DateTimeOffset recordedBefore, CancellationToken cancellationToken)
    {
        var serializer = store.Options.Serializer();
        await using var command = new NpgsqlCommand(
            $"select e.stream_id, e.type, e.data from {schema}.mt_events e " +
            $"where e.stream_id = any($1) and e.timestamp < $2 and {CardEventFeed.CardEventsOnly("e")} order by e.stream_id, e.version",
            connection)
        {
            Parameters = { new() { Value = cards.ToArray() }, new() { Value = recordedBefore.ToUniversalTime() } },
        };
        var histories = new List<CardRideHistory>();
        string? current = null;
        var events = new List<CardEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stream = reader.GetString(0);
            if (stream != current)
            {
                Flush();
                current = stream;
                events = [];
            }

            var name = reader.GetString(1);
            var type = CardEventTypes.ByName.TryGetValue(name, out var known) ? known : throw new UnknownCardEventException(name);
            events.Add((CardEvent)serializer.FromJson(type, reader, 2));
        }

        Flush();
        return histories;

        void Flush()
        {
            if (current is not null && CardNumber.TryParse(current, out var card))
            {
                histories.Add(new CardRideHistory(card, events));
            }
        }
    }
}
