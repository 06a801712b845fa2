using System.Net;
using System.Text;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Spreadsheet programs and some editors save CSV and JSON with a UTF-8 byte-order mark in front; the gateway reads the
/// content after it, on every body it reads.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class A_byte_order_mark_is_no_part_of_the_content(GatewayFixture gateways)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public async Task A_csv_batch_saved_by_a_spreadsheet_is_read()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var terminal = $"ZG-BOM-{Guid.NewGuid():N}"[..20];
        var csv = $"card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\r\n{card},120,ZG-SHOP,Retail,{terminal},1,{Requests.Now()}\r\n";

        var batch = await SendAsync("v1/tap-batches", KeyOf(City.ZG, Role.Terminal), null, csv, "text/csv");

        Assert.Equal("Accepted", batch.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal(880L, (await gateways.Client(City.ZG, Role.Operations).GetCardAsync(card)).Expect().Balance.Fen);
    }

    [Fact]
    public async Task A_json_lines_batch_with_a_mark_is_read()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var line = $$"""{"card":"{{card}}","amount":130,"merchantId":"ZG-SHOP","category":"Retail","terminalId":"ZG-BOM-J","terminalSequence":{{Random.Shared.Next()}},"tappedAt":"{{Requests.Now()}}"}""";

        var batch = await SendAsync("v1/tap-batches", KeyOf(City.ZG, Role.Terminal), null, line + "\n", "application/x-ndjson");

        Assert.Equal("Accepted", batch.GetProperty("results")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_json_body_with_a_mark_is_read()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);

        var topUp = await SendAsync($"v1/cards/{card}/top-ups", KeyOf(City.ZG, Role.ServiceDesk), NewKey("bom"), """{"amount":500}""", "application/json");

        Assert.Equal(1_500L, topUp.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Only_a_leading_mark_is_dropped()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 1_000);
        var before = await RegionState.CaptureAsync(gateways, card);
        using var request = Requests.Json(HttpMethod.Post, $"v1/cards/{card}/top-ups", KeyOf(City.ZG, Role.ServiceDesk), NewKey("bom"), null);
        request.Content = new ByteArrayContent([.. Bom, .. Bom, .. Encoding.UTF8.GetBytes("""{"amount":500}""")]);
        request.Content.Headers.ContentType = new("application/json");

        using var response = await gateways.Http(City.ZG).SendAsync(request);

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "MalformedJson");
        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    private async Task<JsonElement> SendAsync(string path, string key, string? idempotencyKey, string text, string contentType)
    {
        using var request = Requests.Json(HttpMethod.Post, path, key, idempotencyKey, null);
        request.Content = new ByteArrayContent([.. Bom, .. Encoding.UTF8.GetBytes(text)]);
        request.Content.Headers.ContentType = new(contentType);

        using var response = await gateways.Http(City.ZG).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
