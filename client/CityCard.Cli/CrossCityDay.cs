using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// A Zigong commuter's trips across Zigong and Yibin, each uploaded through its city's gateway; every fare comes from
/// the policy of the city it happened in (policies/*.json). A tap is never dated before its card was issued, so the
/// commuter's trips are dated between the card's issue and their upload: a demonstration's day takes its minutes, in
/// the order of a day. It shows a transfer discount, Yibin's daily cap, the regional daily cap, and the first bus
/// arriving last: it is priced at its own time, and the second bus, already charged in full, gets its transfer
/// discount back as an explicit fare adjustment naming the ride and the fare before.
/// </summary>
internal sealed class CrossCityDay(GatewayDirectory gateways, TextWriter output, Func<string, string> key)
{
    public delegate Task StepRunner(string title, IReadOnlyList<(string Card, Func<Task<GatewayResult<CardOperationResponse>>> Call)> calls);

    private DateTimeOffset issuedAt;

    /// <summary>Issues and tops up the commuter's card: its trips, uploaded later, are dated after this.</summary>
    public async Task IssueAsync(string card, StepRunner step)
    {
        var desk = gateways.For(City.ZG, GatewayDirectory.ServiceDesk);
        await step("A Zigong commuter's card, issued first: its trips are uploaded at the end", [
            (card, () => desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, key("issue-commuter"))),
            (card, () => desk.TopUpAsync(card, new TopUpBody { Amount = 10_000, Channel = TopUpChannel.ServiceDesk }, key("topup-commuter"))),
        ]);
        issuedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Uploads the commuter's trips, dated in order between the card's issue and now, and prints their fares.</summary>
    public async Task RideAsync(string card, StepRunner step)
    {
        var trips = Trips();
        var span = DateTimeOffset.UtcNow - issuedAt;
        var slot = span / (2 * trips.Length + 1);
        DateTimeOffset At(int i) => issuedAt + (slot * (2 * i + 1));
        var rides = trips.Select((t, i) => (t.City, Key: key($"day-{i + 1:00}-{t.Name}"), Body: new ChargeBody
        {
            Ride = t.Ride with { EndedAt = t.Mode == Category.Rail ? At(i) + slot : null },
            MerchantId = $"{t.City}-{t.Mode}".ToUpperInvariant(),
            Category = t.Mode,
            TerminalId = $"{t.City}-{t.Mode}-T{i + 1}".ToUpperInvariant(),
            TerminalSequence = i + 1,
            TappedAt = At(i),
        })).ToList();

        // The first bus's reader was offline: its tap arrives after every other.
        await step("The terminals upload the trips through their cities' gateways; the first bus's reader was offline and uploads last", [
            .. rides.Skip(1).Append(rides[0]).Select(r => (card, (Func<Task<GatewayResult<CardOperationResponse>>>)(() =>
                gateways.For(r.City, GatewayDirectory.Terminal).ChargeAsync(card, r.Body, r.Key)))),
        ]);
        await PrintFares(card);
    }

    /// <summary>In ride order: two buses (a transfer), a coach to Yibin, rail and buses up to Yibin's cap, a coach home, buses up to the region's cap.</summary>
    private static (string Name, City City, Category Mode, RideBody Ride)[] Trips() =>
    [
        ("zg-bus-1", City.ZG, Category.Bus, new RideBody { Route = "ZG-1" }),
        ("zg-bus-35", City.ZG, Category.Bus, new RideBody { Route = "ZG-35" }),
        ("zg-coach-to-yb", City.ZG, Category.Coach, new RideBody { FromStation = "ZG-CS", ToStation = "YB-CS" }),
        ("yb-rail-gt-xz", City.YB, Category.Rail, new RideBody { FromStation = "YB-GT", ToStation = "YB-XZ" }),
        ("yb-bus-k3", City.YB, Category.Bus, new RideBody { Route = "YB-K3" }),
        ("yb-rail-xz-gt", City.YB, Category.Rail, new RideBody { FromStation = "YB-XZ", ToStation = "YB-GT" }),
        ("yb-rail-gt-xz-2", City.YB, Category.Rail, new RideBody { FromStation = "YB-GT", ToStation = "YB-XZ" }),
        ("yb-bus-1", City.YB, Category.Bus, new RideBody { Route = "YB-1" }),
        ("yb-coach-to-zg", City.YB, Category.Coach, new RideBody { FromStation = "YB-CS", ToStation = "ZG-CS" }),
        ("zg-bus-3", City.ZG, Category.Bus, new RideBody { Route = "ZG-3" }),
        ("zg-bus-7", City.ZG, Category.Bus, new RideBody { Route = "ZG-7" }),
        ("zg-bus-35-2", City.ZG, Category.Bus, new RideBody { Route = "ZG-35" }),
        ("zg-bus-35-3", City.ZG, Category.Bus, new RideBody { Route = "ZG-35" }),
    ];

    private async Task PrintFares(string card)
    {
        var history = (await gateways.For(City.ZG, GatewayDirectory.Operations).GetHistoryAsync(card)).Expect();
        output.WriteLine();
        output.WriteLine($"== The fares of {card}, in the order they were recorded (every line names its policy version and rule) ==");
        TablePrinter.Print(
            output,
            ["#", "ride (CST)", "what", "base", "concession", "transfer", "cap", "charged", "balance", "policy version and the rules of its reductions"],
            history.Entries.Where(e => e.Fare is not null).Select(e => (IReadOnlyList<string>)[
                e.Version.ToString(CultureInfo.InvariantCulture),
                e.BusinessTime?.ToChinaTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "",
                e.EventType == "fare_adjusted.v1" ? $"adjusts {e.ChargeOperationId}: {e.FareBefore} → {e.Fare!.Charged} ({Signed(e.Amount)})" : Where(e.Summary),
                e.Fare!.Base.ToString(),
                Reduction(e.Fare.Concession),
                Reduction(e.Fare.TransferDiscount),
                Reduction(e.Fare.CapReduction),
                e.Fare.Charged.ToString(),
                e.BalanceAfter.ToString(),
                string.Join("; ", e.Fare.Lines.Where(l => l.Kind != FareLineKind.Base).Select(l => l.Policy == e.Fare.Policy ? l.Rule : $"{l.Policy} {l.Rule}").Prepend(e.Fare.Policy)),
            ]));
    }

    private static string Where(string summary) => summary[(summary.IndexOf(':', StringComparison.Ordinal) + 2)..].Split(',')[0];

    private static string Reduction(Money m) => m.IsPositive ? $"-{m}" : "";

    private static string Signed(Money m) => m.IsPositive ? $"+{m}" : m.ToString();
}
