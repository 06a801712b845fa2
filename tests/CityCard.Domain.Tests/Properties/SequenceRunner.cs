namespace CityCard.Domain.Tests.Properties;

/// <summary>
/// Drives one card through a random sequence: turns each <see cref="Step"/> into a request, decides it at the moving
/// clock, checks the decision against <see cref="CardModel"/>, folds the events, and hands every step to a property.
/// </summary>
public sealed class SequenceRunner
{
    private static readonly ProductCode[] Products = [ProductCode.Standard, ProductCode.Student, ProductCode.Senior];

    private readonly List<CardEvent> history = [];
    private readonly List<CardRequest> sent = [];
    private readonly List<ChargeRequest> charges = [];
    private readonly HashSet<CardRequest> recorded = [];
    private readonly Dictionary<string, (Money Balance, CardStatus Status, long Version)> firstOutcome = new(StringComparer.Ordinal);
    private readonly CardNumber newCard;
    private readonly CardModel model;
    private readonly Action<StepOutcome> property;
    private DateTimeOffset now = Clock.Now;
    private CardState state;
    private int nextOperation;
    private long nextSequence;

    private SequenceRunner(Start start, Action<StepOutcome> property)
    {
        this.property = property;
        var product = Products[start.ProductPick];
        var deposit = Money.FromFen(start.DepositFen);
        if (start.AsReplacement)
        {
            var card = Numbers.ZigongReplacement;
            newCard = Numbers.ZigongOther;
            state = CardState.Initial(card);
            var claim = new ClaimReplacementRequest("replace-0", Numbers.Zigong, product);
            Accept(claim);
            // The old card had the same product, so it held no more than that product's ceiling (policies/zg.json).
            var funds = Money.Min(Money.FromFen(start.FundsFen), TestPolicies.Default.ProductAt(City.ZG, product, now)!.BalanceCeiling);
            Accept(new ReceiveReplacementFundsRequest("replace-0", Numbers.Zigong, funds, deposit));
            model = new CardModel(CardStatus.Active, funds, deposit, TestPolicies.CeilingOf(state), now);
            model.Remember(claim);
        }
        else
        {
            newCard = Numbers.ZigongReplacement;
            state = CardState.Initial(Numbers.Zigong);
            // An issue takes exactly the product's deposit (policies/zg.json); only a replacement receives any deposit.
            deposit = TestPolicies.Default.ProductAt(City.ZG, product, now)!.Deposit;
            var issue = new IssueCardRequest("issue-0", City.ZG, product, deposit);
            Accept(issue);
            model = new CardModel(CardStatus.Active, Money.Zero, deposit, TestPolicies.CeilingOf(state), now);
            model.Remember(issue);
        }
    }

    /// <summary>Runs the sequence, calling <paramref name="property"/> after every step.</summary>
    public static void Run(Start start, Step[] steps, Action<StepOutcome> property)
    {
        var runner = new SequenceRunner(start, property);
        foreach (var step in steps)
        {
            runner.Take(step);
        }
    }

    private void Take(Step step)
    {
        now = now.AddMinutes(step.MinutesLater);
        var request = RequestFor(step);
        var isRetryOfRecorded = recorded.Contains(request);
        var expected = model.Predict(request);
        var before = state;

        var decision = CardDecider.Decide(state, request, now, TestPolicies.Default);

        var appended = CheckAgainstModel(request, expected, decision);
        foreach (var e in appended)
        {
            state = CardEvolver.Evolve(state, e);
            history.Add(e);
        }

        if (appended.Count > 0)
        {
            recorded.Add(request);
            model.Apply(request, expected);
            firstOutcome[request.OperationId] = (state.Balance, state.Status, state.Version);
        }

        Assert.Equal(model.Balance, state.Balance);
        Assert.Equal(model.Deposit, state.Deposit);
        Assert.Equal(model.Status, state.Status);
        sent.Add(request);
        property(new StepOutcome(request, decision, before, state, appended, history, model.Ceiling, isRetryOfRecorded));
    }

    private IReadOnlyList<CardEvent> CheckAgainstModel(CardRequest request, Expected expected, CardDecision decision)
    {
        switch (expected)
        {
            case Expected.Replays:
                var replay = Assert.IsType<CardDecision.Replay>(decision);
                var first = firstOutcome[request.OperationId];
                Assert.Equal((first.Balance, first.Status, first.Version), (replay.First.BalanceAfter, replay.First.StatusAfter, replay.First.Version));
                return [];
            case Expected.Rejects rejects:
                Assert.Equal(rejects.Code, Assert.IsType<CardDecision.Reject>(decision).Code);
                return [];
            case Expected.Appends appends:
                var e = SingleEventOf(request, decision);
                Assert.IsType(appends.EventType, e);
                return [e];
            case Expected.RecordsRefusal refusal:
                var refused = Assert.IsType<ChargeRefused>(SingleEventOf(request, decision));
                Assert.Equal(refusal.Reason, refused.Reason);
                return [refused];
            default:
                throw new InvalidOperationException($"Unknown expectation {expected}.");
        }
    }

    private CardEvent SingleEventOf(CardRequest request, CardDecision decision)
    {
        var e = Assert.Single(Assert.IsType<CardDecision.Append>(decision).Events);
        Assert.Equal(request.OperationId, e.OperationId);
        Assert.Equal(now, e.RecordedAt);
        return e;
    }

    private void Accept(CardRequest request)
    {
        var decision = CardDecider.Decide(state, request, now, TestPolicies.Default);
        var e = Assert.Single(Assert.IsType<CardDecision.Append>(decision).Events);
        state = CardEvolver.Evolve(state, e);
        history.Add(e);
        sent.Add(request);
        recorded.Add(request);
        firstOutcome[request.OperationId] = (state.Balance, state.Status, state.Version);
    }

    private CardRequest RequestFor(Step step)
    {
        var amount = Money.FromFen(step.AmountFen);
        var pick = step.Pick;
        switch (step.Kind)
        {
            case StepKind.TopUp:
                return new TopUpRequest(NewId("top-up"), amount, Cities.All[pick % 4], (TopUpChannel)(1 + (pick / 4 % 4)));
            case StepKind.TopUpToCeiling:
                var room = model.Ceiling - state.Balance + Money.FromFen(pick % 2);
                return new TopUpRequest(NewId("top-up"), room, Cities.All[pick % 4], TopUpChannel.Online);
            case StepKind.Charge:
                return Charge(amount, pick);
            case StepKind.ChargeEverything:
                return Charge(state.Balance + Money.FromFen(pick % 2), pick);
            case StepKind.Reverse:
                return Reversal(amount, pick);
            case StepKind.Block:
                return new BlockCardRequest(NewId("block"), (BlockReason)(1 + (pick % 3)));
            case StepKind.Unblock:
                return new UnblockCardRequest(NewId("unblock"));
            case StepKind.Retry:
                return sent[pick % sent.Count];
            case StepKind.Conflict:
                var id = model.RecordedIds[pick % model.RecordedIds.Count];
                return model.RecordedRequest(id) is TopUpRequest t
                    ? t with { Amount = t.Amount + Money.FromFen(1) }
                    : new TopUpRequest(id, Money.FromFen(1), City.ZG, TopUpChannel.Kiosk);
            case StepKind.Replace:
                return new ReplaceCardRequest(NewId("replace"), newCard);
            case StepKind.Close:
                return new CloseCardRequest(NewId("close"));
            default:
                throw new InvalidOperationException($"Unknown step {step.Kind}.");
        }
    }

    private ChargeRequest Charge(Money amount, int pick)
    {
        // Purchases in the categories no policy discounts (Health, Retail, Hotel, Parking): the model charges the
        // amount as it is. Rides, priced by the policies, have their own properties in Fares/.
        var charge = new ChargeRequest(
            NewId("charge"), amount, Cities.All[pick % 4], $"m-{pick % 7}", (Category)(5 + (pick % 4)), $"t-{pick % 3}", nextSequence++, now.AddMinutes(-(pick % 90)));
        charges.Add(charge);
        return charge;
    }

    /// <summary>A reversal of an earlier charge (whatever became of it): full, partial, one fen too much, or any amount.</summary>
    private ReverseChargeRequest Reversal(Money amount, int pick)
    {
        if (charges.Count == 0)
        {
            return new ReverseChargeRequest(NewId("reverse"), "charge-none", amount, "No such charge");
        }

        var charge = charges[pick % charges.Count];
        var charged = charge.Amount.IsPositive ? charge.Amount : Money.FromFen(1);
        var reversed = (pick / 7 % 4) switch
        {
            0 => charged,
            1 => Money.FromFen(1 + (Math.Abs(amount.Fen) % charged.Fen)),
            2 => charged + Money.FromFen(1),
            _ => amount,
        };
        return new ReverseChargeRequest(NewId("reverse"), charge.OperationId, reversed, "Refund at the desk");
    }

    private string NewId(string kind) => $"{kind}-{++nextOperation}";
}
