using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// A short walk through the card's life across the four cities, through the city gateways, each step by the city and
/// role that does it in life; then a commuter's trips across two cities priced by their policies (a transfer
/// discount, a city's daily cap, the regional cap, and a late tap corrected by an explicit adjustment); then Luzhou
/// tries a bus fare rise on the rides it charged (a fare policy simulation, which writes nothing). Card numbers
/// are drawn at random so the demo can run again against the same database; every Idempotency-Key is derived from the
/// run. Every tap is dated after its card was issued: a tap from before a card existed is refused (TapBeforeIssue).
/// </summary>
internal sealed class Demo(GatewayDirectory gateways, TextWriter output)
{
    private readonly string run = Guid.NewGuid().ToString("N")[..6];
    private readonly long serialBase = Random.Shared.NextInt64(1, 99_999_999) * 10;

    public async Task RunAsync()
    {
        output.WriteLine($"== CityCard demo, run {run}, through the gateways of {string.Join(", ", gateways.Cities)} ==");
        var zg = Card(City.ZG, 1);
        var lz = Card(City.LZ, 2);
        var nj = Card(City.NJ, 3);
        var yb = Card(City.YB, 4);
        var zgReplacement = Card(City.ZG, 5);
        var commuter = Card(City.ZG, 6);
        var day = new CrossCityDay(gateways, output, Key);

        // The commuter's card first: its trips are dated between its issue and their upload at the end.
        await day.IssueAsync(commuter.Value, Step);

        await Step("Issue a card in each city (each city's service desk)", [
            (zg.Value, () => Desk(City.ZG).IssueAsync(zg.Value, new IssueCardBody { Product = "standard", Deposit = 2_000 }, Key("issue-zg"))),
            (lz.Value, () => Desk(City.LZ).IssueAsync(lz.Value, new IssueCardBody { Product = "student", Deposit = 2_000 }, Key("issue-lz"))),
            (nj.Value, () => Desk(City.NJ).IssueAsync(nj.Value, new IssueCardBody { Product = "senior", Deposit = 0 }, Key("issue-nj"))),
            (yb.Value, () => Desk(City.YB).IssueAsync(yb.Value, new IssueCardBody { Product = "standard", Deposit = 2_000 }, Key("issue-yb"))),
        ]);

        await Step("Top up, one of them in another city (Yibin's card at a Neijiang kiosk)", [
            (zg.Value, () => Desk(City.ZG).TopUpAsync(zg.Value, new TopUpBody { Amount = 10_000, Channel = TopUpChannel.ServiceDesk }, Key("topup-zg"))),
            (lz.Value, () => Terminal(City.LZ).TopUpAsync(lz.Value, new TopUpBody { Amount = 5_000, Channel = TopUpChannel.Kiosk }, Key("topup-lz"))),
            (nj.Value, () => Desk(City.NJ).TopUpAsync(nj.Value, new TopUpBody { Amount = 3_000, Channel = TopUpChannel.ServiceDesk }, Key("topup-nj"))),
            (yb.Value, () => Terminal(City.NJ).TopUpAsync(yb.Value, new TopUpBody { Amount = 5_000, Channel = TopUpChannel.Kiosk }, Key("topup-yb-in-nj"))),
        ]);

        // Online taps, dated as they happen: after the cards were issued and topped up.
        var railEntry = DateTimeOffset.UtcNow;
        var zgOnLuzhouBus = Ride("LZ-BUS", Category.Bus, "LZB-0042", 1001, DateTimeOffset.UtcNow, new RideBody { Route = "LZ-3" });
        await Step("Rides priced by the city they happen in (each at its terminals), and a purchase at the merchant's amount", [
            (zg.Value, () => Terminal(City.LZ).ChargeAsync(zg.Value, zgOnLuzhouBus, Key("tap-zg-lz-bus"))),
            (lz.Value, () => Terminal(City.YB).ChargeAsync(lz.Value, Ride("YB-COACH", Category.Coach, "YBC-0007", 77, DateTimeOffset.UtcNow, new RideBody { FromStation = "YB-CS", ToStation = "LZ-CS" }), Key("tap-lz-yb-coach"))),
            (nj.Value, () => Terminal(City.ZG).ChargeAsync(nj.Value, Purchase(1_250, "ZG-SHOP-18", Category.Retail, "ZGS-0018", 5, DateTimeOffset.UtcNow), Key("buy-nj-zg-shop"))),
            (yb.Value, () => Terminal(City.YB).ChargeAsync(yb.Value, Ride("YB-RAIL", Category.Rail, "YBR-0101", 9, railEntry, new RideBody { FromStation = "YB-DJ", ToStation = "YB-SQ", EndedAt = DateTimeOffset.UtcNow }), Key("tap-yb-home-rail"))),
        ]);

        await Step("Concessions are each city's own: a Luzhou student pays half on a Luzhou bus, full fare on a Yibin bus", [
            (lz.Value, () => Terminal(City.LZ).ChargeAsync(lz.Value, Ride("LZ-BUS", Category.Bus, "LZB-0007", 31, DateTimeOffset.UtcNow, new RideBody { Route = "LZ-K2" }), Key("tap-lz-home-bus"))),
            (lz.Value, () => Terminal(City.YB).ChargeAsync(lz.Value, Ride("YB-BUS", Category.Bus, "YBB-0003", 12, DateTimeOffset.UtcNow, new RideBody { Route = "YB-K3" }), Key("tap-lz-yb-bus"))),
        ]);

        await Step("The Luzhou bus reader retries the same tap: the first outcome comes back, nothing moves twice", [
            (zg.Value, () => Terminal(City.LZ).ChargeAsync(zg.Value, zgOnLuzhouBus, Key("tap-zg-lz-bus"))),
        ]);

        await Step("Yibin's coach company reverses part of the Luzhou student's fare (only the acquirer can)", [
            (lz.Value, () => Desk(City.YB).ReverseChargeAsync(lz.Value, Key("tap-lz-yb-coach"), new ReverseChargeBody { Amount = 500, Reason = "Seat not available, partial refund" }, Key("reverse-lz-coach"))),
        ]);

        await Step("The Zigong card is reported lost; a later tap is refused (200, status Refused) and the refusal is recorded", [
            (zg.Value, () => Desk(City.ZG).BlockAsync(zg.Value, new BlockCardBody { Reason = BlockReason.Lost }, Key("block-zg"))),
            (zg.Value, () => Terminal(City.ZG).ChargeAsync(zg.Value, Ride("ZG-BUS", Category.Bus, "ZGB-0001", 3, DateTimeOffset.UtcNow, new RideBody { Route = "ZG-1" }), Key("tap-zg-blocked"))),
        ]);

        await Step("A Neijiang shop's terminal uploads a purchase dated the day before the senior card was issued: refused (TapBeforeIssue), recorded, never charged", [
            (nj.Value, () => Terminal(City.NJ).ChargeAsync(nj.Value, Purchase(880, "NJ-SHOP-02", Category.Retail, "NJS-0002", 40, DateTimeOffset.UtcNow.AddDays(-1)), Key("buy-nj-before-issue"))),
        ]);

        await Step("Zigong replaces the lost card: balance and deposit move to the new card", [
            (zg.Value, () => Desk(City.ZG).ReplaceAsync(zg.Value, new ReplaceCardBody { NewCard = zgReplacement.Value }, Key("replace-zg"))),
        ]);

        await Step("A mistyped card number is refused by the gateway (400 problem) before any grain is touched", [
            ("ZG000000000X", () => Desk(City.ZG).TopUpAsync("ZG000000000X", new TopUpBody { Amount = 1_000, Channel = TopUpChannel.ServiceDesk }, Key("typo"))),
        ]);

        // A monthly pass is sold for the current month or the next, under the version in force on its first day.
        var nextMonth = ChinaTime.DateOf(DateTimeOffset.UtcNow) is var today ? new DateOnly(today.Year, today.Month, 1).AddMonths(1) : default;
        await Step("Neijiang's desk sells the senior card next month's Neijiang pass: the cash tops the card up, the pass is paid from the balance", [
            (nj.Value, () => Desk(City.NJ).TopUpAsync(nj.Value, new TopUpBody { Amount = 1_500, Channel = TopUpChannel.ServiceDesk }, Key("topup-nj-for-pass"))),
            (nj.Value, () => Desk(City.NJ).SellPassAsync(nj.Value, new SellPassBody { DefinedBy = "NJ", Product = "nj-monthly", Month = nextMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture) }, Key("pass-nj"))),
        ]);

        await PrintHotlist();

        await day.RideAsync(commuter.Value, Step);

        await SimulateFareChange();

        await PrintBalances([zg, zgReplacement, lz, nj, yb, commuter]);
        foreach (var card in new[] { zg, zgReplacement, lz, nj, yb })
        {
            await PrintHistory(card);
        }
    }

    private GatewayClient Desk(City city) => gateways.For(city, GatewayDirectory.ServiceDesk);

    private GatewayClient Terminal(City city) => gateways.For(city, GatewayDirectory.Terminal);

    private GatewayClient Operations(CardNumber card) => gateways.For(card.Issuer, GatewayDirectory.Operations);

    private CardNumber Card(City city, int index) => CardNumber.Create(city, serialBase + index);

    private string Key(string name) => $"demo-{run}-{name}";

    private static ChargeBody Ride(string operatorId, Category mode, string terminal, long sequence, DateTimeOffset at, RideBody ride) =>
        new() { Ride = ride, MerchantId = operatorId, Category = mode, TerminalId = terminal, TerminalSequence = sequence, TappedAt = at };

    private static ChargeBody Purchase(long fen, string merchant, Category category, string terminal, long sequence, DateTimeOffset at) =>
        new() { Amount = fen, MerchantId = merchant, Category = category, TerminalId = terminal, TerminalSequence = sequence, TappedAt = at };

    public async Task Step(string title, IReadOnlyList<(string Card, Func<Task<GatewayResult<CardOperationResponse>>> Call)> calls)
    {
        output.WriteLine();
        output.WriteLine($"-- {title}");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (card, call) in calls)
        {
            var result = await call();
            rows.Add(result.Value is { } r
                ? [card, r.OperationId, r.Replay ? $"{r.Status} (replay)" : r.Status.ToString(), r.Refusal?.ToString() ?? "", r.Charged is { } c ? Output.Yuan(c) : "", Output.Yuan(r.Balance), r.CardStatus.ToString()]
                : [card, "", $"Rejected ({result.Problem!.Status})", result.Problem.Code, "", "", ""]);
        }

        TablePrinter.Print(output, ["card", "operation", "outcome", "rejection", "charged", "balance", "status"], rows);
    }

    /// <summary>
    /// Luzhou's back office tries a fare change on today's recorded rides before it takes effect: bus fares up by 0.50
    /// (decision 0062). Nothing is written; the report sets what the rides would cost beside what they were charged.
    /// </summary>
    private async Task SimulateFareChange()
    {
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var draft = FareDraft.RaiseBusFares(City.LZ, today, 50);
        var report = (await gateways.For(City.LZ, GatewayDirectory.Operations).SimulatePolicyAsync(draft, today.AddDays(-1), today)).Expect();
        output.WriteLine();
        output.WriteLine("== Luzhou's back office tries a fare change on the rides of yesterday and today: every bus route class 0.50 dearer (nothing is written) ==");
        SimulationTables.Print(output, report);
    }

    private async Task PrintHotlist()
    {
        var changes = (await Terminal(City.NJ).GetHotlistChangesAsync(0)).Expect();
        output.WriteLine();
        output.WriteLine($"== A Neijiang gate syncs the hotlist: {changes.Changes.Count} changes up to version {changes.ToVersion} (latest 5) ==");
        TablePrinter.Print(output, ["version", "card", "action", "reason"], changes.Changes.TakeLast(5).Select(c => (IReadOnlyList<string>)[
            Output.Number(c.Version), c.Card.Value, c.Action.ToString(), c.Reason.ToString()]));
    }

    private async Task PrintBalances(IEnumerable<CardNumber> numbers)
    {
        output.WriteLine();
        output.WriteLine("== Balances (each from its issuer's gateway) ==");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var number in numbers)
        {
            var v = (await Operations(number).GetCardAsync(number.Value)).Expect();
            rows.Add([v.Card.Value, v.Issuer.ToString(), v.Product?.Value ?? "", v.Status.ToString(), v.Balance.ToString(), v.Deposit.ToString(), v.Version.ToString(CultureInfo.InvariantCulture)]);
        }

        TablePrinter.Print(output, ["card", "issuer", "product", "status", "balance", "deposit", "events"], rows);
    }

    private async Task PrintHistory(CardNumber number)
    {
        var history = (await Operations(number).GetHistoryAsync(number.Value)).Expect();
        output.WriteLine();
        output.WriteLine($"== History of {number} ==");
        HistoryTable.Print(output, history);
    }
}
