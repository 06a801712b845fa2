using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;

namespace CityCard.Domain.Tests.Simulation;

/// <summary>
/// Drives the real card decider with random requests across the four cities: issues, top-ups at home and away,
/// charges at home and away (some offline, tapped up to three days before upload), reversals, blocks, replacements
/// whose funds arrive later, closures. Only what the decider accepts becomes events. Then the events are given
/// sequence numbers in the order their transactions began, with some transactions committing late and some numbers
/// taken by transactions that roll back: the event store's real behaviour that the projection must survive.
/// </summary>
public sealed class HistoryGenerator(int seed)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 0, 0, ChinaTime.Offset);

    private static readonly string[] MerchantsPerCity = ["BUS-1", "BUS-2", "COACH", "SHOP-7", "HOSPITAL"];

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

        return new SimulatedHistory(Sequence(), cards);
    }

    private void Step()
    {
        var roll = random.Next(100);
        var issued = cards.Values.Where(c => c.IsIssued && c.Status is CardStatus.Active or CardStatus.Blocked).ToList();
        if (roll < 6 || issued.Count < 8)
        {
            Issue(Cities.All[random.Next(4)]);
        }
        else if (roll < 30)
        {
            var card = Pick(issued);
            Decide(card.Card, new TopUpRequest(Op(), Money.FromFen(random.Next(1, 300) * 100), City(), (TopUpChannel)random.Next(1, 5)));
        }
        else if (roll < 75)
        {
            Charge(Pick(issued));
        }
        else if (roll < 84)
        {
            Reverse(Pick(issued));
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
        else if (fundsInTransit.Count > 0)
        {
            Deliver();
        }
    }

    private void Issue(City city)
    {
        var card = NewCard(city);
        Decide(card, new IssueCardRequest(Op(), city, ProductCode.Standard, Money.FromFen(random.Next(0, 4) * 1000)));
    }

    private void Charge(CardState card)
    {
        var acquirer = random.Next(3) == 0 ? card.Issuer : City();
        var category = (Category)random.Next(1, 13);
        // One tap in eight is offline: uploaded now, tapped up to three days before.
        var tappedAt = random.Next(8) == 0 ? now.AddMinutes(-random.Next(60, 3 * 24 * 60)) : now.AddSeconds(-random.Next(0, 90));
        var merchant = $"{acquirer}-{MerchantsPerCity[random.Next(MerchantsPerCity.Length)]}";
        Decide(card.Card, new ChargeRequest(Op(), Money.FromFen(random.Next(1, 60) * 50), acquirer, merchant, category, "T-1", random.Next(), tappedAt));
    }

    private void Reverse(CardState card)
    {
        var open = card.Charges.Charges.Where(c => c.Value.Reversed == Money.Zero).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var (chargeId, charge) = open[random.Next(open.Count)];
        var amount = Money.FromFen(random.Next(1, (int)charge.Amount.Fen + 1));
        Decide(card.Card, new ReverseChargeRequest(Op(), chargeId, amount, "Refund at the counter"));
    }

    /// <summary>The grain's choreography: claim the new number, give up the old card's money, and deliver it (now or later).</summary>
    private void Replace(CardState old)
    {
        var newCard = NewCard(old.Issuer);
        var replaceOp = Op();
        if (!Decide(newCard, new ClaimReplacementRequest(replaceOp, old.Card, ProductCode.Standard)) ||
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

    private void Deliver()
    {
        var (card, request) = fundsInTransit.Dequeue();
        Decide(card, request);
    }

    private bool Decide(CardNumber card, CardRequest request)
    {
        var state = cards.GetValueOrDefault(card) ?? CardState.Initial(card);
        if (CardDecider.Decide(state, request, now, ProductCatalog.Default) is not CardDecision.Append append)
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
        long sequence = 0;
        foreach (var (at, card, e) in appended)
        {
            if (random.Next(30) == 0)
            {
                appends.Add(new SimulatedAppend(++sequence, null, at, at.AddMinutes(random.Next(0, 240))));
            }

            var delay = random.Next(20) == 0 ? TimeSpan.FromMinutes(random.Next(1, 360)) : TimeSpan.Zero;
            var s = ++sequence;
            appends.Add(new SimulatedAppend(s, new RecordedCardEvent(s, card, e), at, at + delay));
        }

        return appends;
    }

    private CardNumber NewCard(City city) => CardNumber.Create(city, ++serial);

    private string Op() => $"op-{++op}";

    private City City() => Cities.All[random.Next(4)];

    private CardState Pick(List<CardState> from) => from[random.Next(from.Count)];
}
