using System.Net;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using CityCard.Http;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Sequence continuity over real HTTP (decision 0092): a registered terminal uploads 1–10 and 13–20, the city's daily
/// terminal report lists 11–12 missing; a late upload of 11–12 clears it; a number reused with other content is named;
/// a registered terminal that made no tap is silent.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class The_daily_terminal_report_finds_sequence_gaps(GatewayFixture gateways)
{
    private GatewayClient Operations => gateways.Client(City.YB, Role.Operations);

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task Uploads_of_1_to_10_and_13_to_20_miss_11_and_12_until_a_late_upload_fills_them()
    {
        var op = Unique("YB-SHOP");
        (await Operations.RegisterOperatorAsync(new RegisterOperatorBody
        {
            OperatorId = op, Name = "A Yibin shop", Categories = [Category.Retail], Bank = "ABC Yibin", AccountNumber = "6228480011112222",
        }, NewKey("op"))).Expect();
        var terminal = Unique("YB-T");
        var key = (await Operations.RegisterTerminalAsync(new RegisterTerminalBody { TerminalId = terminal, OperatorId = op }, NewKey("t"))).Expect().Key!;
        var idle = Unique("YB-IDLE");
        (await Operations.RegisterTerminalAsync(new RegisterTerminalBody { TerminalId = idle, OperatorId = op }, NewKey("t"))).Expect();
        var card = await gateways.NewActiveCardAsync(City.YB, 10_000);
        var tappedAt = Requests.Now();
        var day = ChinaTime.DateOf(DateTimeOffset.Parse(tappedAt, System.Globalization.CultureInfo.InvariantCulture));

        async Task UploadAsync(IEnumerable<int> numbers, long amount = 100)
        {
            var csv = "card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n"
                + string.Concat(numbers.Select(n => $"{card},{amount},{op},Retail,{terminal},{n},{tappedAt}\n"));
            using var response = await gateways.Http(City.YB).SendAsync(Requests.Json(HttpMethod.Post, "v1/tap-batches", key, null, csv, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await UploadAsync(Enumerable.Range(1, 10));
        await UploadAsync(Enumerable.Range(13, 8));
        var report = (await Operations.TerminalReportAsync(day)).Expect();
        Assert.Equal([new SequenceGap(terminal, 11, 12)], report.Gaps.Where(g => g.TerminalId == terminal));
        Assert.Contains(idle, report.Silent);
        Assert.DoesNotContain(terminal, report.Silent);

        await UploadAsync([11, 12]);
        await UploadAsync([5], amount: 999);
        var after = (await gateways.Client(City.YB, Role.Clearing).TerminalReportAsync(day)).Expect();
        Assert.DoesNotContain(after.Gaps, g => g.TerminalId == terminal);
        Assert.Equal([new ReusedSequence(terminal, 5, 2)], after.Reused.Where(r => r.TerminalId == terminal));
    }
}
