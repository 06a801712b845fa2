using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// A Zigong commuter's yesterday across Zigong and Yibin, uploaded by the terminals today, each through its city's
/// gateway: every fare comes from the policy of the city and day it happened in (policies/*.json). It shows a transfer
/// discount, Yibin's daily cap, the regional daily cap, and the first bus of the morning arriving last: it is priced at
/// its own time and the second bus, already charged, gets its transfer discount back as an explicit fare adjustment.
/// </summary>
internal sealed class CrossCityDay(GatewayDirectory gateways, TextWriter output, Func<string, string> key)
{
    public delegate Task StepRunner(string title, IReadOnlyList<(string Card, Func<Task<GatewayResult<CardOperationResponse>>> Call)> calls);

    public async Task RunAsync(string card, StepRunner step)
    {
        var day = ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(-1);
        DateTimeOffset At(int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), ChinaTime.Offset);
        var seq = 0;
        (City City, string Key, ChargeBody Body) Ride(string name, City city, Category mode, RideBody ride, DateTimeOffset at) =>
            (city, key(name), new ChargeBody
            {
                Ride = ride,
                MerchantId = $"{city}-{mode}".ToUpperInvariant(),
                Category = mode,
                TerminalId = $"{city}-{mode}-T{++seq}".ToUpperInvariant(),
                TerminalSequence = seq,
                TappedAt = at,
            });

        var firstBus = Ride("day-0730-zg-bus-1", City.ZG, Category.Bus, new RideBody { Route = "ZG-1" }, At(7, 30));
        var rest = new[]
        {
            Ride("day-0750-zg-bus-35", City.ZG, Category.Bus, new RideBody { Route = "ZG-35" }, At(7, 50)),
            Ride("day-0840-zg-coach-to-yb", City.ZG, Category.Coach, new RideBody { FromStation = "ZG-CS", ToStation = "YB-CS" }, At(8, 40)),
            Ride("day-1100-yb-rail", City.YB, Category.Rail, new RideBody { FromStation = "YB-GT", ToStation = "YB-LY", EndedAt = At(11, 25) }, At(11, 0)),
            Ride("day-1140-yb-bus-4", City.YB, Category.Bus, new RideBody { Route = "YB-4" }, At(11, 40)),
            Ride("day-1400-yb-rail", City.YB, Category.Rail, new RideBody { FromStation = "YB-LY", ToStation = "YB-XZ", EndedAt = At(14, 20) }, At(14, 0)),
            Ride("day-1530-yb-rail", City.YB, Category.Rail, new RideBody { FromStation = "YB-XZ", ToStation = "YB-GT", EndedAt = At(15, 55) }, At(15, 30)),
            Ride("day-1700-yb-bus-12", City.YB, Category.Bus, new RideBody { Route = "YB-12" }, At(17, 0)),
            Ride("day-1730-yb-coach-to-zg", City.YB, Category.Coach, new RideBody { FromStation = "YB-CS", ToStation = "ZG-CS" }, At(17, 30)),
            Ride("day-1940-zg-bus-3", City.ZG, Category.Bus, new RideBody { Route = "ZG-3" }, At(19, 40)),
            Ride("day-2100-zg-bus-7", City.ZG, Category.Bus, new RideBody { Route = "ZG-7" }, At(21, 0)),
            Ride("day-2215-zg-bus-35", City.ZG, Category.Bus, new RideBody { Route = "ZG-35" }, At(22, 15)),
        };

        var desk = gateways.For(City.ZG, GatewayDirectory.ServiceDesk);
        await step($"A Zigong commuter's card for a day across Zigong and Yibin ({day:yyyy-MM-dd})", [
            (card, () => desk.IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, key("issue-commuter"))),
            (card, () => desk.TopUpAsync(card, new TopUpBody { Amount = 10_000, Channel = TopUpChannel.Online }, key("topup-commuter"))),
        ]);
        await step("The terminals upload the day's taps through their cities' gateways; the 07:30 bus's reader was offline and uploads last", [
            .. rest.Append(firstBus).Select(r => (card, (Func<Task<GatewayResult<CardOperationResponse>>>)(() =>
                gateways.For(r.City, GatewayDirectory.Terminal).ChargeAsync(card, r.Body, r.Key)))),
        ]);
        await PrintFares(card);
    }

    private async Task PrintFares(string card)
    {
        var history = (await gateways.For(City.ZG, GatewayDirectory.Operations).GetHistoryAsync(card)).Expect();
        output.WriteLine();
        output.WriteLine($"== The day's fares of {card}, in the order they were recorded (every line names its policy version and rule) ==");
        TablePrinter.Print(
            output,
            ["#", "ride (CST)", "what", "base", "concession", "transfer", "cap", "charged", "balance", "policy version and the rules of its reductions"],
            history.Entries.Where(e => e.Fare is not null).Select(e => (IReadOnlyList<string>)[
                e.Version.ToString(CultureInfo.InvariantCulture),
                e.BusinessTime?.ToChinaTime().ToString("HH:mm", CultureInfo.InvariantCulture) ?? "",
                e.EventType == "fare_adjusted.v1" ? $"adjusted {Signed(e.Amount)}" : Where(e.Summary),
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
