using CityCard.Client;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// A short walk through the card's life across the four cities, against a running silo, then a commuter's day across
/// three cities priced by their policies (a transfer discount, a city's daily cap, the regional cap, and a late tap
/// corrected by an explicit adjustment). Card numbers are drawn at random so the demo can run again against the same
/// database; every operation id is derived from the run.
/// </summary>
internal sealed class Demo(CardsClient cards, TextWriter output)
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private readonly long serialBase = Random.Shared.NextInt64(1, 99_999_999) * 10;

    public async Task RunAsync()
    {
        output.WriteLine($"== CityCard demo, run {run} ==");
        var zg = Card(City.ZG, 1);
        var lz = Card(City.LZ, 2);
        var nj = Card(City.NJ, 3);
        var yb = Card(City.YB, 4);
        var zgReplacement = Card(City.ZG, 5);

        await Step("Issue a card in each city", [
            (zg, () => cards.IssueAsync(zg, new IssueCardRequest(Op("issue-zg"), City.ZG, ProductCode.Standard, Money.FromYuan(20)))),
            (lz, () => cards.IssueAsync(lz, new IssueCardRequest(Op("issue-lz"), City.LZ, ProductCode.Student, Money.FromYuan(20)))),
            (nj, () => cards.IssueAsync(nj, new IssueCardRequest(Op("issue-nj"), City.NJ, ProductCode.Senior, Money.Zero))),
            (yb, () => cards.IssueAsync(yb, new IssueCardRequest(Op("issue-yb"), City.YB, ProductCode.Standard, Money.FromYuan(20)))),
        ]);

        await Step("Top up, one of them in another city", [
            (zg, () => cards.TopUpAsync(zg, new TopUpRequest(Op("topup-zg"), Money.FromYuan(100), City.ZG, TopUpChannel.ServiceDesk))),
            (lz, () => cards.TopUpAsync(lz, new TopUpRequest(Op("topup-lz"), Money.FromYuan(50), City.LZ, TopUpChannel.Kiosk))),
            (nj, () => cards.TopUpAsync(nj, new TopUpRequest(Op("topup-nj"), Money.FromYuan(30), City.NJ, TopUpChannel.Online))),
            (yb, () => cards.TopUpAsync(yb, new TopUpRequest(Op("topup-yb-in-nj"), Money.FromYuan(50), City.NJ, TopUpChannel.Kiosk))),
        ]);

        var now = DateTimeOffset.UtcNow;
        var zgOnLuzhouBus = ChargeRequest.ForRide(Op("tap-zg-lz-bus"), City.LZ, "LZ-BUS", Category.Bus, "LZB-0042", 1001, now.AddMinutes(-3), RideDetails.Bus("LZ-3"));
        await Step("Rides priced by the city they happen in, and a purchase at the merchant's amount", [
            (zg, () => cards.ChargeAsync(zg, zgOnLuzhouBus)),
            (lz, () => cards.ChargeAsync(lz, ChargeRequest.ForRide(Op("tap-lz-yb-coach"), City.YB, "YB-COACH", Category.Coach, "YBC-0007", 77, now.AddMinutes(-2), RideDetails.Coach("YB-CS", "LZ-CS")))),
            (nj, () => cards.ChargeAsync(nj, ChargeRequest.ForPurchase(Op("buy-nj-zg-shop"), Money.FromFen(1250), City.ZG, "ZG-SHOP-18", Category.Retail, "ZGS-0018", 5, now.AddMinutes(-1)))),
            (yb, () => cards.ChargeAsync(yb, ChargeRequest.ForRide(Op("tap-yb-home-rail"), City.YB, "YB-RAIL", Category.Rail, "YBR-0101", 9, now.AddMinutes(-20), RideDetails.Rail("YB-DJ", "YB-SQ", now.AddMinutes(-8))))),
        ]);

        await Step("Concessions are each city's own: a Luzhou student pays half on a Luzhou bus, full fare on a Yibin bus", [
            (lz, () => cards.ChargeAsync(lz, ChargeRequest.ForRide(Op("tap-lz-home-bus"), City.LZ, "LZ-BUS", Category.Bus, "LZB-0007", 31, now.AddMinutes(-90), RideDetails.Bus("LZ-K2")))),
            (lz, () => cards.ChargeAsync(lz, ChargeRequest.ForRide(Op("tap-lz-yb-bus"), City.YB, "YB-BUS", Category.Bus, "YBB-0003", 12, now.AddMinutes(-60), RideDetails.Bus("YB-K3")))),
        ]);

        await Step("The Luzhou bus reader retries the same tap: the first outcome comes back, nothing moves twice", [
            (zg, () => cards.ChargeAsync(zg, zgOnLuzhouBus)),
        ]);

        await Step("Luzhou's coach company reverses part of a fare", [
            (lz, () => cards.ReverseChargeAsync(lz, new ReverseChargeRequest(Op("reverse-lz-coach"), Op("tap-lz-yb-coach"), Money.FromFen(500), "Seat not available, partial refund"))),
        ]);

        await Step("The Zigong card is reported lost; a later tap is refused and the refusal is recorded", [
            (zg, () => cards.BlockAsync(zg, new BlockCardRequest(Op("block-zg"), BlockReason.Lost))),
            (zg, () => cards.ChargeAsync(zg, ChargeRequest.ForRide(Op("tap-zg-blocked"), City.ZG, "ZG-BUS", Category.Bus, "ZGB-0001", 3, DateTimeOffset.UtcNow, RideDetails.Bus("ZG-1")))),
        ]);

        await Step("Zigong replaces the lost card: balance and deposit move to the new card", [
            (zg, () => cards.ReplaceAsync(zg, new ReplaceCardRequest(Op("replace-zg"), CardNumber.Parse(zgReplacement)))),
        ]);

        await Step("A mistyped card number is refused before any grain is touched", [
            ("ZG000000000X", () => cards.TopUpAsync("ZG000000000X", new TopUpRequest(Op("typo"), Money.FromYuan(10), City.ZG, TopUpChannel.Kiosk))),
        ]);

        var commuter = Card(City.ZG, 6);
        await new CrossCityDay(cards, output, Op).RunAsync(commuter, Step);

        await PrintBalances([zg, zgReplacement, lz, nj, yb, commuter]);
        foreach (var card in new[] { zg, zgReplacement, lz, nj, yb })
        {
            await PrintHistory(card);
        }
    }

    private string Card(City city, int index) => CardNumber.Create(city, serialBase + index).Value;

    private string Op(string name) => $"demo-{run}-{name}";

    private async Task Step(string title, IReadOnlyList<(string Card, Func<Task<CardOperationResult>> Call)> calls)
    {
        output.WriteLine();
        output.WriteLine($"-- {title}");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (card, call) in calls)
        {
            var r = await call();
            var outcome = r.IsReplay ? $"{r.Status} (replay)" : r.Status.ToString();
            rows.Add([card, r.OperationId, outcome, r.Rejection?.ToString() ?? "", r.Charged?.ToString() ?? "", r.Balance.ToString(), r.CardStatus.ToString()]);
        }

        TablePrinter.Print(output, ["card", "operation", "outcome", "rejection", "charged", "balance", "status"], rows);
    }

    private async Task PrintBalances(IEnumerable<string> numbers)
    {
        output.WriteLine();
        output.WriteLine("== Balances ==");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var number in numbers)
        {
            var v = (await cards.GetViewAsync(number))!;
            rows.Add([v.Card.Value, v.Issuer.ToString(), v.Product?.Value ?? "", v.Status.ToString(), v.Balance.ToString(), v.Deposit.ToString(), v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        TablePrinter.Print(output, ["card", "issuer", "product", "status", "balance", "deposit", "events"], rows);
    }

    private async Task PrintHistory(string number)
    {
        var history = (await cards.GetHistoryAsync(number))!;
        output.WriteLine();
        output.WriteLine($"== History of {number} ==");
        TablePrinter.Print(
            output,
            ["#", "recorded (CST)", "tap time (CST)", "amount", "balance", "what happened"],
            history.Entries.Select(e => (IReadOnlyList<string>)[
                e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.RecordedAt.ToChinaTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                e.BusinessTime?.ToChinaTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                e.Amount.Fen == 0 ? "" : e.Amount.ToString(),
                e.BalanceAfter.ToString(),
                e.Summary,
            ]));
    }
}
