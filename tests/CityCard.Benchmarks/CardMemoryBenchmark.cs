using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Policies;
using CityCard.Grains.Policies;

namespace CityCard.Benchmarks;

/// <summary>
/// What a card's state holds in memory as its history grows: the region benchmark's cards hold two events, a
/// commuter's card hundreds of charges (it remembers its last operations for retries and its charges of the last
/// <see cref="CardLimits.ChargeMemory"/> for reversals and refunds). Pure: the repository's policies, the real decider
/// and evolver, four taps a day (a bus ride in the card's city, a purchase in one of the four cities, in turn), a
/// top-up whenever the balance runs low; then the managed heap each state takes after a full collection. The grain
/// around a state (about 2.5 KB, issue 9's memory phase) is not in these figures.
/// </summary>
internal static class CardMemoryBenchmark
{
    private const int CardsPerHistory = 200;
    private static readonly int[] Histories = [0, 50, 200, 500, 1_600];
    private static readonly string[] BusRoutes = ["ZG-1", "LZ-1", "NJ-2", "YB-1"];
    private static readonly DateTimeOffset FirstDay = new(2026, 1, 5, 7, 30, 0, ChinaTime.Offset);

    public static void Run(TextWriter output)
    {
        var policies = PolicyDirectory.Load(PolicyDirectory.Locate(null));
        output.WriteLine($"Card state in memory by history ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {CardsPerHistory} cards each, managed heap after a full GC)");
        output.WriteLine($"  {"taps",8} {"days",6} {"bytes per card",16} {"per tap",10} {"operations kept",16} {"charges kept",13}");
        foreach (var taps in Histories)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var states = Enumerable.Range(0, CardsPerHistory).Select(i => CardWith(taps, Cities.All[i % 4], 1 + i, policies)).ToArray();
            var bytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)CardsPerHistory;
            output.WriteLine($"  {taps,8:N0} {taps / 4,6:N0} {bytes,16:N0} {(taps > 0 ? $"{bytes / taps:N0}" : "-"),10} {states[0].Operations.Count,16:N0} {states[0].Charges.Charges.Count,13:N0}");
            GC.KeepAlive(states);
        }
    }

    private static CardState CardWith(int taps, City issuer, long serial, PolicySet policies)
    {
        var card = CardNumber.Create(issuer, serial);
        var state = CardEvolver.Fold(CardState.Initial(card),
            [new CardIssued($"issue-{card}", FirstDay, card, issuer, ProductCode.Standard, Money.FromFen(2_000))]);
        for (var n = 0; n < taps; n++)
        {
            var at = FirstDay.AddDays(n / 4).AddHours(n % 4 * 3);
            if (state.Balance < Money.FromFen(5_000))
            {
                state = CardEvolver.Evolve(state, new CardToppedUp($"top-up-{card}-{n}", at, Money.FromFen(20_000), issuer, TopUpChannel.Kiosk));
            }

            var request = Tap(card, issuer, n, at);
            state = CardDecider.Decide(state, request, at.AddSeconds(2), policies) switch
            {
                CardDecision.Append append => append.Events.Aggregate(state, CardEvolver.Evolve),
                CardDecision.Reject reject => throw new InvalidOperationException($"Tap {n} of {card} was refused: {reject.Code} {reject.Detail}"),
                var other => throw new InvalidOperationException($"Tap {n} of {card}: {other.GetType().Name}"),
            };
        }

        return state;
    }

    private static int IndexOf(City city) => Cities.All.ToList().IndexOf(city);

    private static ChargeRequest Tap(CardNumber card, City issuer, int n, DateTimeOffset at)
    {
        var id = $"{card}-{at:yyyyMMddHHmm}-{n}";
        if (n % 2 == 0)
        {
            return ChargeRequest.ForRide($"ride-{id}", issuer, $"{issuer}-BUS", Category.Bus, $"{issuer}-T-{n % 97:D3}", n, at, RideDetails.Bus(BusRoutes[IndexOf(issuer)]));
        }

        var where = Cities.All[n / 2 % 4];
        return new ChargeRequest($"buy-{id}", Money.FromFen(300 + (n % 11 * 50)), where, $"{where}-SHOP-{n % 37:D4}", Category.Retail, $"{where}-T-{n % 89:D3}", n, at);
    }
}
