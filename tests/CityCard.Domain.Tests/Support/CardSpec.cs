namespace CityCard.Domain.Tests.Support;

/// <summary>
/// Given / When / Then over the pure card domain: the history is folded from <see cref="CardState.Initial"/> with
/// <see cref="CardEvolver"/>, the request is decided by <see cref="CardDecider"/> against
/// <see cref="TestPolicies.Default"/> at <see cref="Clock.Now"/>, and the Then methods assert the decision exactly.
/// </summary>
public sealed class CardSpec
{
    private readonly CardNumber card;
    private CardDecision? decision;
    private CardRequest? request;

    private CardSpec(CardNumber card, CardState state)
    {
        this.card = card;
        State = state;
    }

    /// <summary>The state the history folded into (before the decision).</summary>
    public CardState State { get; }

    public CardDecision Decision => decision ?? throw new InvalidOperationException("Call When(...) first.");

    /// <summary>A spec of the default card, <see cref="Numbers.Zigong"/>.</summary>
    public static CardSpec Given(params CardEvent[] history) => GivenCard(Numbers.Zigong, history);

    public static CardSpec GivenCard(CardNumber card, params CardEvent[] history) =>
        new(card, CardEvolver.Fold(CardState.Initial(card), history));

    public CardSpec When(CardRequest req, DateTimeOffset? now = null)
    {
        request = req;
        decision = CardDecider.Decide(State, req, now ?? Clock.Now, TestPolicies.Default);
        return this;
    }

    /// <summary>Asserts the decision appends exactly these events; returns the state they fold into.</summary>
    public CardState ThenAppends(params CardEvent[] expected)
    {
        var append = Assert.IsType<CardDecision.Append>(Decision);
        Assert.Equal(expected, append.Events.Select(WithoutFare));
        foreach (var e in append.Events)
        {
            if (e is CardCharged { Fare: { } fare } charged)
            {
                Assert.Equal(charged.Amount, fare.Charged);
            }
        }

        return CardEvolver.Fold(State, append.Events);
    }

    /// <summary>Asserts a tap was refused and the refusal recorded as one <see cref="ChargeRefused"/> with this reason.</summary>
    public CardState ThenRecordsRefusal(RejectionCode reason)
    {
        var charge = Assert.IsType<ChargeRequest>(request);
        return ThenAppends(new ChargeRefused(charge.OperationId, Clock.Now, charge.Amount, Requests.TapOf(charge), reason));
    }

    /// <summary>Asserts the decision is a replay of the first outcome the card remembers for the request's id.</summary>
    public OperationRecord ThenReplaysFirstOutcome()
    {
        var replay = Assert.IsType<CardDecision.Replay>(Decision);
        Assert.True(State.Operations.TryGet(request!.OperationId, out var first), $"The card remembers no operation '{request.OperationId}'.");
        Assert.Equal(first, replay.First);
        return replay.First;
    }

    /// <summary>Asserts the request is refused without trace, with this code.</summary>
    public CardDecision.Reject ThenRejects(RejectionCode code)
    {
        var reject = Assert.IsType<CardDecision.Reject>(Decision);
        Assert.Equal(code, reject.Code);
        Assert.False(string.IsNullOrWhiteSpace(reject.Detail), "A rejection explains itself.");
        return reject;
    }

    public override string ToString() => $"{card} v{State.Version} {State.Status}";

    private static CardEvent WithoutFare(CardEvent e) => e switch
    {
        CardCharged c => c with { Fare = null },
        ChargeRefused r => r with { Fare = null },
        _ => e,
    };
}
