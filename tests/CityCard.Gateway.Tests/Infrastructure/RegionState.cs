using System.Text;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using Npgsql;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// Everything a refused request must leave as it was, as PostgreSQL and the gateways show it: the event store's head
/// (its highest sequence number and how many events it holds), the hotlist's version, the clearing house's records,
/// every city's trial balance, and the given cards as their issuer's operations key sees them (view and replayed
/// history, which carries the balance, every entry and the hash chain's verdict). Equal before and after a request
/// proves the request changed nothing anywhere.
/// </summary>
public sealed record RegionState(string EventStoreHead, long HotlistVersion, string ClearingRecords, string TrialBalances, string Cards)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits until the clearing house has posted every committed event (so the ledgers stand still), then reads the
    /// state of the region and of <paramref name="cards"/>.
    /// </summary>
    public static async Task<RegionState> CaptureAsync(GatewayFixture gateways, params string[] cards)
    {
        await WaitUntilPostedAsync(gateways);
        var trialBalances = new StringBuilder();
        foreach (var city in Cities.All)
        {
            var balance = (await gateways.Client(city, Role.Operations).GetTrialBalanceAsync()).Expect();
            trialBalances.Append(city).Append(": ").Append(balance.TotalDebits.Fen).Append('/').Append(balance.TotalCredits.Fen);
            foreach (var line in balance.Lines)
            {
                trialBalances.Append(' ').Append(line.Code).Append('=').Append(line.Debits.Fen).Append('/').Append(line.Credits.Fen);
            }

            trialBalances.Append('\n');
        }

        var cardStates = new StringBuilder();
        foreach (var card in cards)
        {
            var reader = gateways.Http(CardNumber.Parse(card).Issuer);
            cardStates.Append(card).Append(" v").Append(await gateways.StreamVersionAsync(card)).Append('\n')
                .Append(await ReadAsync(reader, $"v1/cards/{card}")).Append('\n')
                .Append(await ReadAsync(reader, $"v1/cards/{card}/history")).Append('\n');
        }

        var hotlist = (await gateways.Client(City.ZG, Role.Operations).GetHotlistAsync(limit: 1)).Expect().AsOfVersion;
        return new RegionState(await EventStoreHeadAsync(gateways), hotlist, await gateways.ClearingRecordsAsync(), trialBalances.ToString(), cardStates.ToString());
    }

    private static async Task<string> EventStoreHeadAsync(GatewayFixture gateways)
    {
        await using var connection = new NpgsqlConnection(gateways.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(seq_id), 0)::text || ' / ' || count(*)::text from citycard.mt_events", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> ReadAsync(HttpClient http, string path)
    {
        using var request = Requests.Json(HttpMethod.Get, path, GatewayFixture.KeyOf(CardNumber.Parse(path.Split('/')[2]).Issuer, Role.Operations), null, null);
        using var response = await http.SendAsync(request);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    private static async Task WaitUntilPostedAsync(GatewayFixture gateways)
    {
        var clearing = gateways.Client(City.ZG, Role.Clearing);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while ((await clearing.GetClearingStatusAsync()).Expect() is { CaughtUp: false } or { LagEvents: > 0 })
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The clearing house had not posted every event after {Patience}.");
            await Task.Delay(100);
        }
    }
}
