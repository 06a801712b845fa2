using System.Globalization;
using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Every time field on every input path (a JSON body, a JSON Lines record, a CSV record, a query string) goes through
/// one reader: a time without an explicit offset, a bare date, or a time that does not exist or is out of range is
/// refused with the same code, InvalidTime, and nothing changes anywhere. The same request with a proper time is
/// accepted, so the time alone made the difference.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Every_time_field_on_every_path_needs_an_offset(GatewayFixture gateways)
{
    private const string CsvHeader = "card,amount,merchantId,category,terminalId,terminalSequence,tappedAt,endedAt";

    private static readonly string Terminal = KeyOf(City.ZG, Role.Terminal);
    private static readonly string Operations = KeyOf(City.ZG, Role.Operations);

    /// <summary>What a time field on a path is; the request carries <c>time</c> there and proper times elsewhere.</summary>
    private sealed record TimeField(string Path, string Field, bool InBatch, Func<string, string, HttpRequestMessage> Request);

    private static readonly TimeField[] Fields =
    [
        new("JSON body", "tappedAt", false, (card, time) => Charge(card, Requests.ChargeJson(200, time))),
        new("JSON body", "ride.endedAt", false, (card, time) => Charge(card, Requests.BikeJson(tappedAt: Requests.Now(-4), endedAt: time))),
        new("JSON Lines", "tappedAt", true, (card, time) => Batch(
            $$"""{"card":"{{card}}","amount":200,"merchantId":"ZG-SHOP","category":"Retail","terminalId":"{{NewTerminal()}}","terminalSequence":1,"tappedAt":"{{time}}"}""",
            "application/x-ndjson")),
        new("JSON Lines", "ride.endedAt", true, (card, time) => Batch(
            $$$"""{"card":"{{{card}}}","merchantId":"ZG-BIKE","category":"Bike","terminalId":"{{{NewTerminal()}}}","terminalSequence":1,"tappedAt":"{{{Requests.Now(-4)}}}","ride":{"endedAt":"{{{time}}}"}}""",
            "application/x-ndjson")),
        new("CSV", "tappedAt", true, (card, time) => Batch($"{CsvHeader}\n{card},200,ZG-SHOP,Retail,{NewTerminal()},1,{time},\n", "text/csv")),
        new("CSV", "endedAt", true, (card, time) => Batch($"{CsvHeader}\n{card},,ZG-BIKE,Bike,{NewTerminal()},1,{Requests.Now(-4)},{time}\n", "text/csv")),
        new("query", "asOf (card)", false, (card, time) => Get($"v1/cards/{card}?asOf={Uri.EscapeDataString(time)}")),
        new("query", "asOf (history)", false, (card, time) => Get($"v1/cards/{card}/history?asOf={Uri.EscapeDataString(time)}")),
        new("query", "asOf (trial balance)", false, (_, time) => Get($"v1/ledger/trial-balance?asOf={Uri.EscapeDataString(time)}")),
    ];

    /// <summary>Times the one reader refuses, each with why.</summary>
    private static readonly (string Time, string Why)[] BadTimes =
    [
        ("2026-12-03T06:52:35", "no offset"),
        ("2026-12-03T06:52:35.250", "a fraction and no offset"),
        ("2026-12-03T06:52", "no seconds and no offset"),
        ("2026-12-03", "a bare date"),
        ("2026-12-03T06:52:35+0800", "an offset without its colon"),
        ("2026-12-03T06:52:35+08", "an offset of hours only"),
        ("2026-12-03t06:52:35z", "lower-case letters"),
        ("2026-12-03 06:52:35+08:00", "a space for the T"),
        ("2026-02-30T06:52:35+08:00", "a day that does not exist"),
        ("2026-12-03T24:00:00Z", "hour 24"),
        ("2026-12-03T06:60:00Z", "minute 60"),
        ("2026-12-03T06:52:35+15:00", "an offset beyond 14 hours"),
        ("1999-12-31T23:59:59Z", "a year before 2000"),
        ("2100-01-01T00:00:00Z", "a year after 2099"),
        ("20261203T065235Z", "the basic format"),
        ("yesterday", "a word"),
    ];

    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in Fields)
        {
            foreach (var (time, why) in BadTimes)
            {
                data.Add($"{field.Path}: {field.Field}", time, why);
            }
        }

        return data;
    }

    public static TheoryData<string> FieldNames() => [.. Fields.Select(f => $"{f.Path}: {f.Field}")];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_time_without_an_offset_or_out_of_range_is_refused_as_InvalidTime_and_changes_nothing(string field, string time, string why)
    {
        var card = await gateways.CardForRefusalsAsync(nameof(Every_time_field_on_every_path_needs_an_offset));
        var before = await RegionState.CaptureAsync(gateways, card);
        var path = Fields.Single(f => $"{f.Path}: {f.Field}" == field);

        using var response = await gateways.Http(City.ZG).SendAsync(path.Request(card, time));

        if (path.InBatch)
        {
            var record = await SingleRecordAsync(response);
            Assert.True(record.GetProperty("outcome").GetString() == "Invalid", $"{why}: {record}");
            Assert.Equal("InvalidTime", record.GetProperty("code").GetString());
            Assert.Contains(path.Field.Split('.')[^1], record.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "InvalidTime");
            Assert.Contains(path.Field.Split(' ')[0].Split('.')[^1], problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await RegionState.CaptureAsync(gateways, card));
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public async Task The_same_request_with_an_offset_is_accepted(string field)
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 10_000);
        var path = Fields.Single(f => $"{f.Path}: {f.Field}" == field);
        // A tap of two minutes ago (a bike taken four minutes ago), within the clock skew allowed before the card's issue (it was issued just now); a query as of a minute from now, when the card (issued just now) exists.
        var at = DateTimeOffset.UtcNow.AddMinutes(path.Path == "query" ? 1 : -2);
        var inChina = at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        using var response = await gateways.Http(City.ZG).SendAsync(path.Request(card, inChina));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field} with {inChina}: {(int)response.StatusCode} {body}");
        if (path.InBatch)
        {
            Assert.Equal("Accepted", (await SingleRecordAsync(body)).GetProperty("outcome").GetString());
        }
        else if (path.Path == "JSON body")
        {
            Assert.Equal("Accepted", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        }
    }

    private static async Task<JsonElement> SingleRecordAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"a batch is answered record by record: {(int)response.StatusCode} {body}");
        return await SingleRecordAsync(body);
    }

    private static Task<JsonElement> SingleRecordAsync(string body)
    {
        var results = JsonDocument.Parse(body).RootElement.GetProperty("results");
        Assert.Equal(1, results.GetArrayLength());
        return Task.FromResult(results[0].Clone());
    }

    private static HttpRequestMessage Charge(string card, string body) =>
        Requests.Json(HttpMethod.Post, $"v1/cards/{card}/charges", Terminal, NewKey("t"), body);

    private static HttpRequestMessage Batch(string body, string contentType) =>
        Requests.Json(HttpMethod.Post, "v1/tap-batches", Terminal, null, body, contentType);

    private static HttpRequestMessage Get(string path) => Requests.Json(HttpMethod.Get, path, Operations, null, null);

    private static string NewTerminal() => $"ZG-TT-{Guid.NewGuid():N}"[..20];
}
