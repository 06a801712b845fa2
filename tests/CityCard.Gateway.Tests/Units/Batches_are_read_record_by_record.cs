using System.Text;
using CityCard.Contracts;
using CityCard.Gateway.Http;
using CityCard.Gateway.Terminals;

namespace CityCard.Gateway.Tests.Units;

public sealed class Batches_are_read_record_by_record
{
    private static readonly string Card = CardNumber.Create(City.ZG, 123).Value;

    private static TapBatch Csv(string text) => TapBatchParser.Parse(Encoding.UTF8.GetBytes(text), TapBatchFormat.Csv, City.LZ);

    private static TapBatch Lines(string text) => TapBatchParser.Parse(Encoding.UTF8.GetBytes(text), TapBatchFormat.JsonLines, City.LZ);

    [Fact]
    public void A_csv_record_becomes_a_charge_of_the_gateways_city_with_a_derived_operation_id()
    {
        var batch = Csv($"card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\r\n{Card},250,LZ-SHOP,Retail,T-1,7,2026-11-26T08:00:00+08:00\r\n");

        var record = Assert.Single(batch.Records);
        Assert.Equal(
            new ChargeRequest("LZ:tap:T-1:7", Money.FromFen(250), City.LZ, "LZ-SHOP", Category.Retail, "T-1", 7, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)),
            record.Request);
        Assert.Equal((1, 2), (record.Number, record.Line));
    }

    [Fact]
    public void Columns_come_in_any_order_and_the_operation_id_may_be_given()
    {
        var batch = Csv($"operationId,tappedAt,terminalSequence,terminalId,category,merchantId,amount,card\nmine-1,2026-11-26T00:00:00Z,7,T-1,Rail,LZ-R,300,{Card}\n,2026-11-26T00:00:00Z,8,T-1,Rail,LZ-R,300,{Card}\n");

        Assert.Equal(["LZ:mine-1", "LZ:tap:T-1:8"], batch.Records.Select(r => r.Request!.OperationId));
    }

    [Fact]
    public void Ride_columns_make_a_ride_and_empty_fields_are_absent()
    {
        var batch = Csv($"card,amount,merchantId,category,terminalId,terminalSequence,tappedAt,route,fromStation,toStation,endedAt\n{Card},,YB-RAIL,Rail,T-1,7,2026-11-26T00:00:00Z,,YB-GT,YB-LY,2026-11-26T00:20:00Z\n{Card},300,M,Retail,T-1,8,2026-11-26T00:00:00Z,,,,\n");

        var (ride, purchase) = (batch.Records[0].Request!, batch.Records[1].Request!);
        Assert.Equal((0L, new RideDetails(null, "YB-GT", "YB-LY", new DateTimeOffset(2026, 11, 26, 0, 20, 0, TimeSpan.Zero))), (ride.Amount.Fen, ride.Ride));
        Assert.Equal((300L, (RideDetails?)null), (purchase.Amount.Fen, purchase.Ride));
    }

    [Theory]
    [InlineData("\"quoted\",250,M,Retail,T,1,2026-11-26T00:00:00Z", ProblemCodes.MalformedRecord)]
    [InlineData("{card},250,M,Retail,T,1", ProblemCodes.MalformedRecord)]
    [InlineData("{card},2.5,M,Retail,T,1,2026-11-26T00:00:00Z", ProblemCodes.InvalidField)]
    [InlineData("{card},250,M,7,T,1,2026-11-26T00:00:00Z", ProblemCodes.InvalidField)]
    [InlineData("{card},250,M,bus,T,1,2026-11-26T00:00:00Z", ProblemCodes.InvalidField)]
    [InlineData("{card},250,M,Retail,T,x,2026-11-26T00:00:00Z", ProblemCodes.InvalidField)]
    [InlineData("{card},250,M,Retail,T,1,2026-11-26 08:00", ProblemCodes.InvalidTime)]
    [InlineData("ZG0000001231,250,M,Retail,T,1,2026-11-26T00:00:00Z", "MalformedCardNumber")]
    [InlineData("{card},250,M,Retail,T with space,1,2026-11-26T00:00:00Z", "InvalidTerminalId")]
    [InlineData("{card},250,M,Retail,T,-1,2026-11-26T00:00:00Z", "InvalidTerminalSequence")]
    public void A_bad_csv_record_is_invalid_by_name_and_its_neighbours_are_read(string line, string code)
    {
        var good = $"{Card},100,M,Retail,T,99,2026-11-26T00:00:00Z";
        var batch = Csv($"card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n{good}\n{line.Replace("{card}", Card, StringComparison.Ordinal)}\n{good}\n");

        Assert.Equal([true, false, true], batch.Records.Select(r => r.IsValid));
        Assert.Equal(code, batch.Records[1].InvalidCode);
    }

    [Fact]
    public void A_json_line_is_read_strictly()
    {
        var good = $$"""{"card":"{{Card}}","amount":250,"merchantId":"M","category":"Retail","terminalId":"T","terminalSequence":1,"tappedAt":"2026-11-26T00:00:00Z"}""";
        var batch = Lines(string.Join('\n', good, good.Replace("250", "\"250\"", StringComparison.Ordinal), good.Replace("{", "{\"x\":1,", StringComparison.Ordinal), "{", new string(' ', 3_000) + good));

        Assert.Equal([null, ProblemCodes.InvalidField, ProblemCodes.UnknownField, ProblemCodes.MalformedJson, ProblemCodes.RecordTooLong], batch.Records.Select(r => r.InvalidCode));
    }

    [Fact]
    public void A_batch_over_the_record_limit_is_refused_whole_before_anything_is_read()
    {
        var line = $"{Card},100,M,Retail,T,1,2026-11-26T00:00:00Z\n";
        var batch = Csv("card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n" + string.Concat(Enumerable.Repeat(line, TapBatchLimits.MaxRecords + 1)));

        Assert.Equal(ProblemCodes.BatchTooLarge, batch.ProblemCode);
        Assert.Empty(batch.Records);
        Assert.Equal(TapBatchLimits.MaxRecords, Csv("card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n" + string.Concat(Enumerable.Repeat(line, TapBatchLimits.MaxRecords))).Records.Count);
    }
}
