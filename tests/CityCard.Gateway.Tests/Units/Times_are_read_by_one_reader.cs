using System.Text;
using System.Text.Json;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Http;
using CityCard.Gateway.Terminals;

namespace CityCard.Gateway.Tests.Units;

/// <summary>The one reader of times, and the JSON, CSV and JSON Lines readers that use it, table by table.</summary>
public sealed class Times_are_read_by_one_reader
{
    private static readonly string Card = CardNumber.Create(City.ZG, 123).Value;

    [Theory]
    [InlineData("2026-11-26T08:05:00+08:00", "2026-11-26T00:05:00Z")]
    [InlineData("2026-11-26T00:05:00Z", "2026-11-26T00:05:00Z")]
    [InlineData("2026-11-26T00:05:00-00:00", "2026-11-26T00:05:00Z")]
    [InlineData("2026-11-25T19:05:00-05:00", "2026-11-26T00:05:00Z")]
    [InlineData("2026-11-26T08:05:00.1234567+08:00", "2026-11-26T00:05:00.1234567Z")]
    [InlineData("2026-11-26T08:05:00.5+08:00", "2026-11-26T00:05:00.5Z")]
    [InlineData("2026-11-26T08:05:00+14:00", "2026-11-25T18:05:00Z")]
    [InlineData("2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z")]
    [InlineData("2099-12-31T23:59:59.9999999Z", "2099-12-31T23:59:59.9999999Z")]
    public void A_time_with_its_offset_is_the_instant_it_names(string text, string utc)
    {
        Assert.True(WireTime.TryParse(text, out var time, out var problem), problem);
        Assert.Matches(WireTime.Pattern, text);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(time.UtcDateTime, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Theory]
    [InlineData("2026-11-26T08:05:00", "has no offset")]
    [InlineData("2026-11-26T08:05:00.250", "has no offset")]
    [InlineData("2026-11-26T08:05", "has no offset")]
    [InlineData("2026-11-26 08:05:00", "has no offset")]
    [InlineData("2026-11-26", "is a date without a time")]
    [InlineData("2026-11-26T08:05:00+0800", "is not a time")]
    [InlineData("2026-11-26T08:05:00+08", "is not a time")]
    [InlineData("2026-11-26T08:05+08:00", "is not a time")]
    [InlineData("2026-11-26t08:05:00z", "is not a time")]
    [InlineData("2026-11-26T08:05:00.12345678Z", "is not a time")]
    [InlineData("20261126T080500Z", "is not a time")]
    [InlineData(" 2026-11-26T08:05:00Z", "is not a time")]
    [InlineData("2026-11-26T08:05:00Z ", "is not a time")]
    [InlineData("2026-11-26T08:05:00Z\n", "is not a time")]
    [InlineData("2026-11-26T08:05:00\n", "is not a time")]
    [InlineData("２０２６-11-26T08:05:00Z", "is not a time")]
    [InlineData("2026-02-30T08:05:00+08:00", "is not a real time")]
    [InlineData("2026-13-01T08:05:00+08:00", "is not a real time")]
    [InlineData("2026-11-26T24:00:00Z", "is not a real time")]
    [InlineData("2026-11-26T08:60:00Z", "is not a real time")]
    [InlineData("2026-11-26T08:05:60Z", "is not a real time")]
    [InlineData("2026-11-26T08:05:00+15:00", "is not a real time")]
    [InlineData("2026-11-26T08:05:00+08:60", "is not a real time")]
    [InlineData("1999-12-31T23:59:59Z", "outside the years 2000 to 2099")]
    [InlineData("2100-01-01T00:00:00Z", "outside the years 2000 to 2099")]
    [InlineData("0001-01-01T00:00:00Z", "outside the years 2000 to 2099")]
    [InlineData("yesterday", "is not a time")]
    [InlineData("", "is empty")]
    [InlineData(null, "is empty")]
    public void Anything_else_is_refused_with_its_reason(string? text, string reason)
    {
        Assert.False(WireTime.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_text_is_refused_without_being_read()
    {
        Assert.False(WireTime.TryParse(new string('9', 100_000), out _, out var problem));
        Assert.Contains("is not a time", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_client_writes_the_reader_reads_to_the_tick()
    {
        var now = new DateTimeOffset(2026, 11, 26, 8, 5, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);
        Assert.True(WireTime.TryParse(WireTime.Format(now), out var read, out _));
        Assert.Equal((now, now.Offset), (read, read.Offset));
    }

    [Theory]
    [InlineData("\"2026-11-26T08:05:00\"", "'tappedAt' has no offset")]
    [InlineData("\"2026-11-26\"", "'tappedAt' is a date without a time")]
    [InlineData("20261126", "'tappedAt' is not a string")]
    [InlineData("null", "'tappedAt' is null")]
    [InlineData("true", "'tappedAt' is not a string")]
    [InlineData("{}", "'tappedAt' is not a string")]
    public void A_json_body_refuses_a_bad_time_as_InvalidTime_naming_the_field(string json, string detail)
    {
        var parsed = JsonBody.Parse<ChargeBody>(Encoding.UTF8.GetBytes(
            $$"""{"amount":100,"merchantId":"M","category":"Retail","terminalId":"T","terminalSequence":1,"tappedAt":{{json}}}"""));

        Assert.Equal(ProblemCodes.InvalidTime, parsed.Code);
        Assert.StartsWith(detail, parsed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_time_is_named_by_its_path_and_an_absent_or_null_optional_time_is_absent()
    {
        var bad = JsonBody.Parse<ChargeBody>(Encoding.UTF8.GetBytes(
            """{"merchantId":"M","category":"Bike","terminalId":"T","terminalSequence":1,"tappedAt":"2026-11-26T08:05:00+08:00","ride":{"endedAt":"2026-11-26T08:35:00"}}"""));
        var absent = JsonBody.Parse<ChargeBody>(Encoding.UTF8.GetBytes(
            """{"merchantId":"M","category":"Bus","terminalId":"T","terminalSequence":1,"tappedAt":"2026-11-26T08:05:00+08:00","ride":{"route":"ZG-1","endedAt":null}}"""));

        Assert.Equal((ProblemCodes.InvalidTime, true), (bad.Code, bad.Detail!.StartsWith("'ride.endedAt' has no offset", StringComparison.Ordinal)));
        Assert.Null(absent.Code);
        Assert.Null(absent.Value!.Ride!.EndedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 5, 0, TimeSpan.Zero), absent.Value.TappedAt);
    }

    [Fact]
    public void The_gateways_json_writes_times_as_it_reads_them()
    {
        var time = new DateTimeOffset(2026, 11, 26, 8, 5, 0, TimeSpan.FromHours(8)).AddTicks(5);
        var json = JsonSerializer.Serialize(time, GatewayJson.Options);

        Assert.Equal("\"2026-11-26T08:05:00.0000005+08:00\"", json);
        Assert.Equal(time, JsonSerializer.Deserialize<DateTimeOffset>(json, GatewayJson.Options));
    }

    [Theory]
    [InlineData("csv", "2026-11-26T08:05:00", "'tappedAt' has no offset")]
    [InlineData("csv", "2026-11-26", "'tappedAt' is a date without a time")]
    [InlineData("jsonl", "2026-11-26T08:05:00", "'tappedAt' has no offset")]
    [InlineData("jsonl", "2026-11-26", "'tappedAt' is a date without a time")]
    public void A_batch_record_with_a_bad_time_is_invalid_with_the_same_code(string format, string time, string detail)
    {
        var batch = format == "csv"
            ? TapBatchParser.Parse(Encoding.UTF8.GetBytes($"card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n{Card},250,M,Retail,T-1,7,{time}\n"), TapBatchFormat.Csv, City.LZ)
            : TapBatchParser.Parse(Encoding.UTF8.GetBytes($$"""{"card":"{{Card}}","amount":250,"merchantId":"M","category":"Retail","terminalId":"T-1","terminalSequence":7,"tappedAt":"{{time}}"}"""), TapBatchFormat.JsonLines, City.LZ);

        var record = Assert.Single(batch.Records);
        Assert.Equal(ProblemCodes.InvalidTime, record.InvalidCode);
        Assert.StartsWith(detail, record.Detail, StringComparison.Ordinal);
    }
}
