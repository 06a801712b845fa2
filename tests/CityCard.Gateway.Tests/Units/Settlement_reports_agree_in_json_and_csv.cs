using System.Text.Json;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Http;
using CityCard.Gateway.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Units;

/// <summary>The report shapes the gateway serves, on the worked day of docs/concepts/settlement.md.</summary>
public sealed class Settlement_reports_agree_in_json_and_csv
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    private static SettlementReport WorkedDay() => new(
        Day,
        SettlementReport.Renminbi,
        [new(City.ZG, Money.FromFen(1_370)), new(City.LZ, Money.FromFen(-2_687)), new(City.NJ, Money.FromFen(-6_240)), new(City.YB, Money.FromFen(7_557))],
        [
            new(City.ZG, City.LZ, "Bus", Money.FromFen(300), Money.Zero, Money.FromFen(300)),
            new(City.LZ, City.YB, "Coach", Money.FromFen(3_500), Money.FromFen(500), Money.FromFen(3_000)),
            new(City.NJ, City.ZG, "Retail", Money.FromFen(1_250), Money.Zero, Money.FromFen(1_250)),
            new(City.NJ, City.YB, "TopUp", Money.FromFen(5_000), Money.Zero, Money.FromFen(5_000)),
            new(City.YB, City.ZG, "Bus", Money.FromFen(430), Money.Zero, Money.FromFen(430)),
        ],
        [
            new(City.ZG, City.LZ, Money.FromFen(300), Money.FromFen(2), Money.FromFen(298)),
            new(City.LZ, City.YB, Money.FromFen(3_000), Money.FromFen(15), Money.FromFen(2_985)),
            new(City.NJ, City.ZG, Money.FromFen(1_250), Money.FromFen(10), Money.FromFen(1_240)),
            new(City.NJ, City.YB, Money.FromFen(5_000), Money.Zero, Money.FromFen(5_000)),
            new(City.YB, City.ZG, Money.FromFen(430), Money.FromFen(2), Money.FromFen(428)),
        ],
        [
            new(City.ZG, City.LZ, Category.Bus, Money.FromFen(300), 50, Money.FromFen(2)),
            new(City.LZ, City.YB, Category.Coach, Money.FromFen(3_000), 50, Money.FromFen(15)),
            new(City.NJ, City.ZG, Category.Retail, Money.FromFen(1_250), 80, Money.FromFen(10)),
            new(City.YB, City.ZG, Category.Bus, Money.FromFen(430), 50, Money.FromFen(2)),
        ],
        [new(City.ZG, Money.FromFen(2), Money.FromFen(12)), new(City.LZ, Money.FromFen(15), Money.FromFen(2)), new(City.NJ, Money.FromFen(10), Money.Zero), new(City.YB, Money.FromFen(2), Money.FromFen(15))],
        [
            new(City.ZG, "ZG-BUS", Category.Bus, Money.FromFen(430), Money.Zero, Money.FromFen(430)),
            new(City.ZG, "ZG-SHOP-18", Category.Retail, Money.FromFen(1_250), Money.Zero, Money.FromFen(1_250)),
            new(City.LZ, "LZ-BUS", Category.Bus, Money.FromFen(300), Money.Zero, Money.FromFen(300)),
            new(City.YB, "YB-COACH", Category.Coach, Money.FromFen(3_500), Money.FromFen(500), Money.FromFen(3_000)),
            new(City.YB, "YB-RAIL", Category.Rail, Money.FromFen(300), Money.Zero, Money.FromFen(300)),
        ],
        new DateTimeOffset(2026, 11, 27, 0, 0, 0, ChinaTime.Offset),
        new DateTimeOffset(2026, 11, 27, 0, 5, 2, ChinaTime.Offset),
        0,
        []);

    private static JsonElement AsServed(SettlementReport report) =>
        JsonDocument.Parse(JsonSerializer.Serialize(report, GatewayJson.Options)).RootElement.Clone();

    [Fact]
    public void The_regions_json_has_the_window_renminbi_and_four_nets_summing_to_zero_in_fen()
    {
        var json = AsServed(WorkedDay());
        SettlementAgreement.IsWellFormed(json, Day, 4);
        Assert.Equal(1_370L, json.GetProperty("positions")[0].GetProperty("net").GetInt64());
        Assert.Equal("Coach", json.GetProperty("fees")[1].GetProperty("category").GetString());
    }

    [Fact]
    public void Json_and_csv_carry_the_same_measures_for_the_region_and_each_city()
    {
        var region = WorkedDay();
        Assert.Equal(SettlementAgreement.RowsOfJson(AsServed(region)), SettlementAgreement.RowsOfCsv(SettlementReportFiles.ToCsv(region)));
        foreach (var city in Cities.All)
        {
            var statement = SettlementReportFiles.ForCity(region, city);
            Assert.Equal(SettlementAgreement.RowsOfJson(AsServed(statement)), SettlementAgreement.RowsOfCsv(SettlementReportFiles.ToCsv(statement)));
        }
    }

    [Fact]
    public void A_citys_statement_holds_its_own_position_and_payouts_and_only_the_flows_it_is_party_to()
    {
        var zg = SettlementReportFiles.ForCity(WorkedDay(), City.ZG);
        Assert.Equal([new CityPosition(City.ZG, Money.FromFen(1_370))], zg.Positions);
        Assert.Equal(["ZG-BUS", "ZG-SHOP-18"], zg.Operators.Select(o => o.Merchant));
        Assert.All(zg.Bilateral, b => Assert.True(b.Payer == City.ZG || b.Payee == City.ZG));
        Assert.All(zg.Fees, f => Assert.True(f.Issuer == City.ZG || f.Acquirer == City.ZG));
        Assert.Equal(3, zg.Dues.Count);

        // Its position is what its dues say: received less paid.
        var received = zg.Dues.Where(d => d.Payee == City.ZG).Sum(d => d.Due.Fen);
        var paid = zg.Dues.Where(d => d.Payer == City.ZG).Sum(d => d.Due.Fen);
        Assert.Equal(zg.Positions[0].Net.Fen, received - paid);
    }
}
