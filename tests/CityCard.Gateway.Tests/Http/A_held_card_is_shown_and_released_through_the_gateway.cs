using System.Net;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Grains.Storage;
using Marten;
using Npgsql;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// A card event whose stored data does not match its chain link when the clearing house (on its own timer) reads it:
/// every gateway's status shows the card held, naming the event; the region's clearing key cannot release it while
/// the stream still breaks (409), can once the row is restored (200), and a card never held is 404. Nothing else moves.
/// </summary>
[Collection(ClearingGatewayCollection.Name)]
public sealed class A_held_card_is_shown_and_released_through_the_gateway(ClearingGatewayFixture gateways)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_status_names_the_held_card_and_the_clearing_key_releases_it_once_its_row_is_restored()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        var operation = $"ZG:forged-{Guid.NewGuid():N}"[..30];
        await AppendChangedChargeAsync(card, operation);

        var held = await WaitForHeldAsync(card);
        Assert.Equal((3L, "card_charged.v1", operation, ChainBreakKind.HashMismatch, 1), (held.Version, held.EventType, held.OperationId, held.Kind, held.EventsHeld));
        Assert.Contains((await gateways.Client(City.YB, Role.Operations).GetClearingStatusAsync()).Expect().HeldCards!, h => h.Card.Value == card);

        var path = $"v1/clearing/held-cards/{card}/release";
        var stillBroken = await gateways.Http(City.LZ).SendAsync(Requests.Json(HttpMethod.Post, path, ClearingKey, NewKey("release"), null));
        var problem = await ProblemAssert.IsProblem(stillBroken, HttpStatusCode.Conflict, "ChainStillBroken");
        Assert.Contains("version 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await ExecuteAsync("update citycard.mt_events set data = jsonb_set(data, array[(select k from jsonb_object_keys(data) k where lower(k) = 'amount')], '800'::jsonb) where stream_id = $1 and version = 3", card);
        var released = (await gateways.Client(City.NJ, Role.Clearing).ReleaseHeldCardAsync(card, "release-1")).Expect();
        Assert.Equal(OperationStatus.Accepted, released.Status);
        Assert.DoesNotContain((await gateways.Client(City.ZG, Role.Operations).GetClearingStatusAsync()).Expect().HeldCards!, h => h.Card.Value == card);

        var notHeld = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, path, ClearingKey, NewKey("release"), null));
        await ProblemAssert.IsProblem(notHeld, HttpStatusCode.NotFound, "CardNotHeld");
        var malformed = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, "v1/clearing/held-cards/ZG0000000001/release", ClearingKey, NewKey("release"), null));
        await ProblemAssert.IsProblem(malformed, HttpStatusCode.BadRequest, "MalformedCardNumber");
    }

    /// <summary>
    /// Appends a charge of 8.00 to the card's stream with the link of a charge of 0.08, straight into the event store:
    /// as if the row had been changed after it was written and before the clearing house read it.
    /// </summary>
    private async Task AppendChangedChargeAsync(string card, string operationId)
    {
        var number = CardNumber.Parse(card);
        var previous = await ScalarAsync($"select headers ->> '{MartenSetup.ChainHeader}' from citycard.mt_events where stream_id = $1 and version = 2", card);
        var tap = new TapDetails(City.LZ, "LZ-SHOP", Category.Retail, "LZ-T-9", 9, gateways.Clock.GetUtcNow().AddMinutes(-1));
        var paid = new CardCharged(operationId, gateways.Clock.GetUtcNow(), Money.FromFen(800), tap);
        var stored = paid with { Amount = Money.FromFen(8) };

        using var store = DocumentStore.For(o => MartenSetup.Configure(o, gateways.ConnectionString, new CardStoreOptions()));
        await using var session = store.LightweightSession();
        var action = session.Events.Append(card, 3, stored);
        action.Events[0].SetHeader(MartenSetup.ChainHeader, EventChain.Link(previous, number, 3, paid));
        await session.SaveChangesAsync();
    }

    private async Task<HeldCardView> WaitForHeldAsync(string card)
    {
        var reader = gateways.Client(City.ZG, Role.Clearing);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            if ((await reader.GetClearingStatusAsync()).Expect().HeldCards?.FirstOrDefault(h => h.Card.Value == card) is { } held)
            {
                return held;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Card {card} was not held within {Patience}.");
            await Task.Delay(200);
        }
    }

    private async Task<string> ScalarAsync(string sql, string card)
    {
        await using var connection = new NpgsqlConnection(gateways.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = card } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, string card)
    {
        await using var connection = new NpgsqlConnection(gateways.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = card } } };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
