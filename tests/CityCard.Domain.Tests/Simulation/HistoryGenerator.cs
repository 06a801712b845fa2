using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Policies;
using CityCard.Domain.Projection;
using CityCard.Domain.Tests.Policies;

namespace CityCard.Domain.Tests.Simulation;

/// <summary>
/// Drives the real card decider, priced by the repository's policies, with random requests across the four cities:
/// issues, top-ups at home and away, purchases and bus rides at home and away (some offline, tapped up to three days
/// before upload, which reprices later rides as fare adjustments; rides may overdraw), reversals, dispute refunds, blocks,
/// replacements whose funds arrive later, closures (some in debt). Only what the decider accepts becomes events. Then the events are given
/// sequence numbers in the order their transactions began, with some transactions committing late and some numbers
/// taken by transactions that roll back: the event store's real behaviour that the projection must survive.
/// </summary>
public sealed class HistoryGenerator(int seed)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 0, 0, ChinaTime.Offset);

    private static readonly string[] Shops = ["SHOP-7", "HOTEL-2", "PARK-1", "CINEMA-3"];
    private static readonly Category[] Purchases = [Category.Retail, Category.Hotel, Category.Parking, Category.ScenicSite, Category.Park, Category.Library, Category.Cinema, Category.Health];
    private static readonly Dictionary<City, string[]> BusRoutes = new()
    {
        [City.ZG] = ["ZG-1", "ZG-3", "ZG-7"],
        [City.LZ] = ["LZ-1", "LZ-3", "LZ-K2"],
        [City.NJ] = ["NJ-2", "NJ-6", "NJ-9"],
        [City.YB] = ["YB-1", "YB-4", "YB-12"],
    };

    private static readonly PolicySet Policies = RepoPolicies.Set;

    private readonly Random random = new(seed);
    private readonly Dictionary<CardNumber, CardState> cards = [];
    private readonly List<(DateTimeOffset At, CardNumber Card, CardEvent Event)> appended = [];
    private readonly Queue<(CardNumber NewCard, ReceiveReplacementFundsRequest Request)> fundsInTransit = new();
    private DateTimeOffset now = Start;
    private int serial;
    private int op;

    public SimulatedHistory Generate(int targetEvents)
    {
        foreach (var city in Cities.All)
        {
            for (var i = 0; i < 3; i++)
            {
                Issue(city);
            }
        }

        while (appended.Count < targetEvents)
        {
            now = now.AddMinutes(random.Next(0, 12));
            Step();
        }

        while (fundsInTransit.Count > 0)
        {
            Deliver();
        }

        Passes();
        return new SimulatedHistory(Sequence(), cards);
    }

    private void Step()
    {
        var roll = random.Next(100);
        var issued = cards.Values.Where(c => c.IsIssued && c.Status is CardStatus.Active or CardStatus.Blocked).ToList();
        if (roll < 6 || issued.Count < 8)
        {
            Issue(AnyCity());
        }
        else if (roll < 30)
        {
            var card = Pick(issued);
            Decide(card.Card, new TopUpRequest(Op(), Money.FromFen(random.Next(1, 300) * 100), AnyCity(), (TopUpChannel)random.Next(1, 5)));
        }
        else if (roll < 75)
        {
            Charge(Pick(issued));
        }
        else if (roll < 81)
        {
            Reverse(Pick(issued));
        }
        else if (roll < 84)
        {
            Refund(Pick(issued));
        }
        else if (roll < 88)
        {
            var card = Pick(issued);
            Decide(card.Card, card.Status == CardStatus.Blocked ? new UnblockCardRequest(Op()) : new BlockCardRequest(Op(), BlockReason.Lost));
        }
        else if (roll < 92)
        {
            Replace(Pick(issued));
        }
        else if (roll < 94)
        {
            Decide(Pick(issued).Card, new CloseCardRequest(Op()));
        }
        else if (roll < 97)
        {
            Commute(Pick(issued));
        }
        else if (roll < 98)
        {
            OverdrawAndClose(Pick(issued));
        }
        else if (fundsInTransit.Count > 0)
        {
            Deliver();
        }
    }

    private void Issue(City city)
    {
        var card = NewCard(city);
        var product = random.Next(4) == 0 ? ProductCode.Student : ProductCode.Standard;
        var deposit = Policies.ProductAt(city, product, now)?.Deposit ?? Money.Zero;
        Decide(card, new IssueCardRequest(Op(), city, product, deposit));
    }

    /// <summary>A bus ride (priced by the acquiring city's policy) or a purchase; one in eight is an offline tap uploaded late.</summary>
    private void Charge(CardState card)
    {
        var acquirer = random.Next(3) == 0 ? card.Issuer : AnyCity();
        var tappedAt = random.Next(8) == 0 ? now.AddMinutes(-random.Next(60, 3 * 24 * 60)) : now.AddSeconds(-random.Next(0, 90));
        if (random.Next(2) == 0)
        {
            Decide(card.Card, Ride(acquirer, BusRoutes[acquirer][random.Next(3)], tappedAt));
            return;
        }

        var merchant = $"{acquirer}-{Shops[random.Next(Shops.Length)]}";
        var category = Purchases[random.Next(Purchases.Length)];
        Decide(card.Card, new ChargeRequest(Op(), Money.FromFen(random.Next(1, 60) * 50), acquirer, merchant, category, "T-1", random.Next(), tappedAt));
    }

    /// <summary>
    /// Three bus rides on different routes within the transfer window, then an offline tap from before them uploaded:
    /// the late tap changes which ride is the transfer, so the later rides are priced again (fare adjustments).
    /// </summary>
    private void Commute(CardState card)
    {
        var city = AnyCity();
        Decide(card.Card, new TopUpRequest(Op(), Money.FromYuan(20), card.Issuer, TopUpChannel.Kiosk));
        for (var i = 0; i < 3; i++)
        {
            Decide(card.Card, Ride(city, BusRoutes[city][i], now.AddMinutes(-30 + (i * 10))));
        }

        now = now.AddMinutes(random.Next(1, 30));
        Decide(card.Card, Ride(city, BusRoutes[city][random.Next(3)], now.AddMinutes(-50 - random.Next(0, 30))));
    }

    /// <summary>A card spent down to 0.50 rides on its overdraft, then is closed: its deposit pays the debt.</summary>
    private void OverdrawAndClose(CardState card)
    {
        if (card.Status != CardStatus.Active || card.Balance.Fen <= 50)
        {
            return;
        }

        var spend = card.Balance - Money.FromFen(50);
        Decide(card.Card, new ChargeRequest(Op(), spend, card.Issuer, $"{card.Issuer}-SHOP-7", Category.Retail, "T-1", random.Next(), now.AddMinutes(-2)));
        Decide(card.Card, Ride(card.Issuer, BusRoutes[card.Issuer][2], now.AddMinutes(-1)));
        Decide(card.Card, new CloseCardRequest(Op()));
    }

    private ChargeRequest Ride(City city, string route, DateTimeOffset tappedAt) =>
        ChargeRequest.ForRide(Op(), city, $"{city}-BUS", Category.Bus, "T-1", random.Next(), tappedAt, RideDetails.Bus(route));

    private void Reverse(CardState card)
    {
        var open = card.Charges.Charges.Where(c => c.Value.Reversed == Money.Zero).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var (chargeId, charge) = open[random.Next(open.Count)];
        if (!charge.Paid.IsPositive)
        {
            return;
        }

        var amount = Money.FromFen(random.Next(1, (int)charge.Paid.Fen + 1));
        Decide(card.Card, new ReverseChargeRequest(Op(), chargeId, amount, "Refund at the counter"));
    }

    /// <summary>A dispute upheld against one of the card's charges: part or all of what is left of it (sometimes more, which is refused).</summary>
    private void Refund(CardState card)
    {
        var open = card.Charges.Charges.Where(c => c.Value.Reversible.IsPositive).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var (chargeId, charge) = open[random.Next(open.Count)];
        var amount = Money.FromFen(random.Next(1, (int)charge.Reversible.Fen + 2));
        Decide(card.Card, new RefundChargeRequest(Op(), chargeId, amount, $"{card.Issuer}:case-{serial}", "Dispute upheld"));
    }

    /// <summary>The grain's choreography: claim the new number, give up the old card's money, and deliver it (now or later).</summary>
    private void Replace(CardState old)
    {
        var newCard = NewCard(old.Issuer);
        var replaceOp = Op();
        if (!Decide(newCard, new ClaimReplacementRequest(replaceOp, old.Card, old.Product ?? ProductCode.Standard)) ||
            !Decide(old.Card, new ReplaceCardRequest(replaceOp, newCard)))
        {
            return;
        }

        var moved = cards[old.Card].OutgoingReplacement!;
        fundsInTransit.Enqueue((newCard, new ReceiveReplacementFundsRequest(replaceOp, old.Card, moved.Balance, moved.Deposit)));
        if (random.Next(3) > 0)
        {
            Deliver();
        }
    }

    /// <summary>
    /// Passes (decisions 0060, 0061), once the rest of the history is over: the clock moves on to January 2027, when the
    /// policies sell them. Three new standard cards buy the regional bus pass and ride on it; the first refunds it, the
    /// last is replaced (its new card takes the pass over); 31 days on, every holder apportions its ended period.
    /// </summary>
    private void Passes()
    {
        var onSale = new DateTimeOffset(2027, 1, 5, 9, 0, 0, ChinaTime.Offset);
        now = onSale > now ? onSale : now.AddDays(1);
        var holders = new List<CardNumber>();
        foreach (var city in new[] { City.ZG, City.LZ, City.YB })
        {
            var card = NewCard(city);
            var deposit = Policies.ProductAt(city, ProductCode.Standard, now)?.Deposit ?? Money.Zero;
            if (Decide(card, new IssueCardRequest(Op(), city, ProductCode.Standard, deposit))
                && Decide(card, new TopUpRequest(Op(), Money.FromYuan(200), city, TopUpChannel.ServiceDesk))
                && Decide(card, new SellPassRequest(Op(), null, "regional-bus-30", null)))
            {
                holders.Add(card);
                now = now.AddMinutes(5);
                var ridden = AnyCity();
                Decide(card, Ride(ridden, BusRoutes[ridden][random.Next(3)], now));
            }
        }

        if (holders.Count > 0)
        {
            Decide(holders[0], new RefundPassRequest(Op(), cards[holders[0]].Passes.Book.Passes[0].PassId));
        }

        if (holders.Count > 1)
        {
            var old = holders[^1];
            var newCard = NewCard(old.Issuer);
            var replaceOp = Op();
            if (Decide(newCard, new ClaimReplacementRequest(replaceOp, old, ProductCode.Standard)) && Decide(old, new ReplaceCardRequest(replaceOp, newCard)))
            {
                var moved = cards[old].OutgoingReplacement!;
                Decide(newCard, new ReceiveReplacementFundsRequest(replaceOp, old, moved.Balance, moved.Deposit), moved.Passes);
                holders.Add(newCard);
            }
        }

        now = now.AddDays(31);
        foreach (var card in holders)
        {
            Decide(card, new ApportionPassesRequest(Op()));
        }
    }

    private void Deliver()
    {
        var (card, request) = fundsInTransit.Dequeue();
        Decide(card, request);
    }

    private bool Decide(CardNumber card, CardRequest request, CarriedPasses? carried = null)
    {
        var state = cards.GetValueOrDefault(card) ?? CardState.Initial(card);
        if (CardDecider.Decide(state, request, now, Policies, carried) is not CardDecision.Append append)
        {
            return false;
        }

        cards[card] = CardEvolver.Fold(state, append.Events);
        foreach (var e in append.Events)
        {
            appended.Add((now, card, e));
        }

        return true;
    }

    /// <summary>
    /// Numbers are taken in the order transactions begin. Most commit at once; one in twenty commits up to six hours
    /// late; one number in thirty is taken by a transaction that rolls back.
    /// </summary>
    private List<SimulatedAppend> Sequence()
    {
        var appends = new List<SimulatedAppend>();
        var chains = new Dictionary<CardNumber, StoredCardEvent>();
        long sequence = 0;
        foreach (var (at, card, e) in appended)
        {
            if (random.Next(30) == 0)
            {
                appends.Add(new SimulatedAppend(++sequence, null, at, at.AddMinutes(random.Next(0, 240))));
            }

            var delay = random.Next(20) == 0 ? TimeSpan.FromMinutes(random.Next(1, 360)) : TimeSpan.Zero;
            var s = ++sequence;
            var stored = chains.TryGetValue(card, out var last)
                ? StoredCardEvent.Chain(card, [(s, e)], last.Version, last.StoredHash!)[0]
                : StoredCardEvent.Chain(card, [(s, e)])[0];
            chains[card] = stored;
            appends.Add(new SimulatedAppend(s, stored, at, at + delay));
        }

        return appends;
    }

    private CardNumber NewCard(City city) => CardNumber.Create(city, ++serial);

    private string Op() => $"op-{++op}";

    private City AnyCity() => Cities.All[random.Next(4)];

    private CardState Pick(List<CardState> from) => from[random.Next(from.Count)];
}
