using System.Text;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

[Collection(GatewayCollection.Name)]
public sealed class Terminal_batches_charge_each_tap_once(GatewayFixture gateways)
{
    private GatewayClient Terminal(City city) => gateways.Client(city, Role.Terminal);

    [Fact]
    public async Task A_batch_with_duplicates_and_bad_records_uploaded_twice_charges_each_good_tap_exactly_once()
    {
        var rich = await gateways.NewActiveCardAsync(City.ZG, 10_000);
        var poor = await gateways.NewActiveCardAsync(City.LZ, 100);
        var at = Requests.Now(-3);
        var terminal = $"LZ-G-{Guid.NewGuid():N}"[..20];
        var csv = new StringBuilder("card,amount,merchantId,category,terminalId,terminalSequence,tappedAt\n")
            .Append($"{rich},200,LZ-SHOP,Retail,{terminal},1,{at}\n")          // 1 accepted
            .Append($"{rich},200,LZ-SHOP,Retail,{terminal},1,{at}\n")          // 2 the same tap again: duplicate
            .Append($"{rich},300,LZ-HOTEL,Hotel,{terminal},2,{at}\n")        // 3 accepted
            .Append($"{poor},500,LZ-SHOP,Retail,{terminal},3,{at}\n")          // 4 refused: insufficient balance (recorded)
            .Append($"ZG0000000001,200,LZ-SHOP,Retail,{terminal},4,{at}\n")    // 5 invalid: check digit
            .Append($"{rich},lots,LZ-SHOP,Retail,{terminal},5,{at}\n")         // 6 invalid: amount
            .Append($"{rich},200,LZ-SHOP,Retail,{terminal},6,2020-01-01T00:00:00Z\n") // 7 rejected: too old
            .Append($"{rich},200,LZ-SHOP,Tram,{terminal},7,{at}\n")         // 8 invalid: no such category
            .Append('\n')
            .Append($"{rich},100,LZ-SHOP,Retail,{terminal},8,{at}\n")      // 9 accepted, after a blank line
            .ToString();

        var first = (await Terminal(City.LZ).UploadTapsAsync(csv, "text/csv")).Expect();

        Assert.Equal(
            [TapOutcome.Accepted, TapOutcome.Duplicate, TapOutcome.Accepted, TapOutcome.Refused, TapOutcome.Invalid, TapOutcome.Invalid, TapOutcome.Rejected, TapOutcome.Invalid, TapOutcome.Accepted],
            first.Results.Select(r => r.Outcome));
        Assert.Equal(
            [null, null, null, "InsufficientBalance", "MalformedCardNumber", "InvalidField", "TapTooOld", "InvalidField", null],
            first.Results.Select(r => r.Code));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 11], first.Results.Select(r => r.Line));
        Assert.Equal($"LZ:tap:{terminal}:1", first.Results[0].OperationId);
        Assert.Equal(OperationStatus.Accepted, first.Results[1].FirstOutcome);
        Assert.Equal((3, 1, 1, 1, 3), (first.Accepted, first.Refused, first.Duplicates, first.Rejected, first.Invalid));

        var again = (await Terminal(City.LZ).UploadTapsAsync(csv, "text/csv")).Expect();

        Assert.Equal(
            [TapOutcome.Duplicate, TapOutcome.Duplicate, TapOutcome.Duplicate, TapOutcome.Duplicate, TapOutcome.Invalid, TapOutcome.Invalid, TapOutcome.Rejected, TapOutcome.Invalid, TapOutcome.Duplicate],
            again.Results.Select(r => r.Outcome));
        Assert.Equal(OperationStatus.Refused, again.Results[3].FirstOutcome);

        // Three taps charged once: 200 + 300 + 100 of 10,000; the poor card's refusal recorded once.
        var view = (await gateways.Client(City.ZG, Role.Operations).GetCardAsync(rich)).Expect();
        Assert.Equal(9_400L, view.Balance.Fen);
        Assert.Equal(2L + 3, await gateways.StreamVersionAsync(rich));
        Assert.Equal(2L + 1, await gateways.StreamVersionAsync(poor));
    }

    [Fact]
    public async Task JSON_lines_work_the_same_and_an_online_tap_uploaded_later_is_a_duplicate()
    {
        var card = await gateways.NewActiveCardAsync(City.NJ, 5_000);
        var terminal = $"ZG-B-{Guid.NewGuid():N}"[..20];
        var tappedAt = DateTimeOffset.UtcNow.AddMinutes(-2);

        // The reader tried the tap online first, with the recommended key…
        var online = new ChargeBody { Amount = 200, MerchantId = "ZG-SHOP", Category = Category.Retail, TerminalId = terminal, TerminalSequence = 41, TappedAt = tappedAt };
        (await Terminal(City.ZG).ChargeAsync(card, online, $"tap:{terminal}:41")).Expect();

        // …and uploads it again in its offline batch, beside a new tap that names its own operation id.
        var at = tappedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var lines = $$"""
            {"card":"{{card}}","amount":200,"merchantId":"ZG-SHOP","category":"Retail","terminalId":"{{terminal}}","terminalSequence":41,"tappedAt":"{{at}}"}
            {"card":"{{card}}","amount":150,"merchantId":"ZG-SHOP","category":"Retail","terminalId":"{{terminal}}","terminalSequence":42,"tappedAt":"{{at}}","operationId":"own-id-42"}
            {"card":"{{card}}","amount":150,"merchantId":"ZG-SHOP","category":"Retail","terminalId":"{{terminal}}","terminalSequence":43,"tappedAt":"{{at}}","tip":1}
            not json at all
            """;
        var result = (await Terminal(City.ZG).UploadTapsAsync(lines, "application/x-ndjson")).Expect();

        Assert.Equal([TapOutcome.Duplicate, TapOutcome.Accepted, TapOutcome.Invalid, TapOutcome.Invalid], result.Results.Select(r => r.Outcome));
        Assert.Equal([null, null, "UnknownField", "MalformedJson"], result.Results.Select(r => r.Code));
        Assert.Equal("ZG:own-id-42", result.Results[1].OperationId);
        Assert.Equal(5_000L - 200 - 150, (await gateways.Client(City.NJ, Role.Operations).GetCardAsync(card)).Expect().Balance.Fen);
    }

    [Fact]
    public async Task Rides_and_purchases_mix_in_one_csv_and_rides_are_priced()
    {
        var card = await gateways.NewActiveCardAsync(City.YB, 5_000);
        var terminal = $"YB-R-{Guid.NewGuid():N}"[..20];
        var at = Requests.Now(-4);
        var csv = "card,amount,merchantId,category,terminalId,terminalSequence,tappedAt,route,fromStation,toStation,endedAt\n"
            + $"{card},,YB-BUS,Bus,{terminal},1,{at},YB-4,,,\n"
            + $"{card},,YB-RAIL,Rail,{terminal},2,{at},,YB-GT,YB-LY,{Requests.Now(-2)}\n"
            + $"{card},800,YB-SHOP,Retail,{terminal},3,{at},,,,\n"
            + $"{card},,YB-BUS,Bus,{terminal},4,{at},,,,\n";

        var result = (await Terminal(City.YB).UploadTapsAsync(csv, "text/csv")).Expect();

        Assert.Equal([TapOutcome.Accepted, TapOutcome.Accepted, TapOutcome.Accepted, TapOutcome.Rejected], result.Results.Select(r => r.Outcome));
        Assert.Equal("RideMissing", result.Results[3].Code);
        Assert.All(result.Results.Take(2), r => Assert.True(r.Charged > 0));
        Assert.Equal(800L, result.Results[2].Charged);
        var charged = result.Results.Take(3).Sum(r => r.Charged!.Value);
        Assert.Equal(5_000L - charged, result.Results[2].Balance);

        var again = (await Terminal(City.YB).UploadTapsAsync(csv, "text/csv")).Expect();
        Assert.Equal(3, again.Duplicates);
        Assert.Equal(5_000L - charged, (await gateways.Client(City.YB, Role.Operations).GetCardAsync(card)).Expect().Balance.Fen);
    }

    /// <summary>
    /// A terminal uploading taps dated before the card was issued (its clock far behind, or forged records): each is
    /// refused by name and recorded on the card, in CSV and in JSON Lines alike, and none is charged.
    /// </summary>
    [Fact]
    public async Task Taps_dated_before_the_card_was_issued_are_refused_and_recorded_from_either_format()
    {
        var card = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        var terminal = $"ZG-E-{Guid.NewGuid():N}"[..20];
        var csv = "card,amount,merchantId,category,terminalId,terminalSequence,tappedAt,route\n"
            + $"{card},300,ZG-SHOP,Retail,{terminal},1,{Requests.Now(-60)},\n"
            + $"{card},,ZG-BUS,Bus,{terminal},2,{Requests.Now(-24 * 60)},ZG-1\n"
            + $"{card},300,ZG-SHOP,Retail,{terminal},3,{Requests.Now(-1)},\n";
        var lines = $$"""
            {"card":"{{card}}","amount":200,"merchantId":"ZG-SHOP","category":"Retail","terminalId":"{{terminal}}","terminalSequence":4,"tappedAt":"{{Requests.Now(-6)}}"}
            """;

        var fromCsv = (await Terminal(City.ZG).UploadTapsAsync(csv, "text/csv")).Expect();
        var fromJson = (await Terminal(City.ZG).UploadTapsAsync(lines, "application/x-ndjson")).Expect();

        Assert.Equal([TapOutcome.Refused, TapOutcome.Refused, TapOutcome.Accepted], fromCsv.Results.Select(r => r.Outcome));
        Assert.Equal(["TapBeforeIssue", "TapBeforeIssue", null], fromCsv.Results.Select(r => r.Code));
        Assert.Equal((TapOutcome.Refused, "TapBeforeIssue"), (fromJson.Results[0].Outcome, fromJson.Results[0].Code));
        Assert.Equal(4_700L, (await gateways.Client(City.ZG, Role.Operations).GetCardAsync(card)).Expect().Balance.Fen);
        var history = (await gateways.Client(City.ZG, Role.Operations).GetHistoryAsync(card)).Expect();
        Assert.Equal(3, history.Entries.Count(e => e.Refusal == RejectionCode.TapBeforeIssue && e.EventType == "charge_refused.v1" && e.Amount == Money.Zero));
    }

    [Fact]
    public async Task A_full_batch_of_many_cards_is_charged_in_parallel_and_in_order_per_card()
    {
        var cards = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            cards.Add(await gateways.NewActiveCardAsync(Cities.All[i % 4], 1_000));
        }

        var terminal = $"YB-P-{Guid.NewGuid():N}"[..20];
        var csv = new StringBuilder("tappedAt,terminalSequence,terminalId,category,merchantId,amount,card\n");
        for (var n = 0; n < 1_000; n++)
        {
            // Each card gets 50 taps of 30 fen: 33 fit in its 1,000 fen, the rest are refused, whatever the interleaving.
            csv.Append($"{Requests.Now(-1)},{n},{terminal},Retail,YB-SHOP,30,{cards[n % cards.Count]}\n");
        }

        var result = (await gateways.Client(City.LZ, Role.Terminal).UploadTapsAsync(csv.ToString(), "text/csv")).Expect();

        Assert.Equal((1_000, 20 * 33, 20 * 17), (result.Records, result.Accepted, result.Refused));
        foreach (var card in cards)
        {
            var mine = result.Results.Where(r => r.Card == card).ToList();
            Assert.All(mine.Take(33), r => Assert.Equal(TapOutcome.Accepted, r.Outcome));
            Assert.All(mine.Skip(33), r => Assert.Equal(TapOutcome.Refused, r.Outcome));
            Assert.Equal(10L, mine[^1].Balance);
        }
    }
}
