using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Idempotency;

/// <summary>A request the card records, with a history in which it is recorded.</summary>
public sealed record RecordedRequest(string Name, CardNumber Card, IReadOnlyList<CardEvent> Given, CardRequest Request, OperationStatus Status)
{
    public CardState Before => CardEvolver.Fold(CardState.Initial(Card), Given);

    public override string ToString() => Name;
}

/// <summary>One recorded request of every kind the card takes (and a refused tap, which is recorded too).</summary>
public static class RequestKinds
{
    public static IReadOnlyList<RecordedRequest> All { get; } =
    [
        new("issue", Numbers.Zigong, [], Issue(), OperationStatus.Accepted),
        new("top-up", Numbers.Zigong, [Issued()], TopUp(), OperationStatus.Accepted),
        new("charge", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10))], Charge(), OperationStatus.Accepted),
        new("refused charge", Numbers.Zigong, [Issued()], Charge(), OperationStatus.Refused),
        new("ride", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10))], Rides.Bus(), OperationStatus.Accepted),
        new("refused ride", Numbers.Zigong, [Issued()], Rides.Bus(), OperationStatus.Refused),

        // A ride uploaded after a later one: its charge, then the later ride's fare adjusted (it becomes a transfer).
        new(
            "late ride",
            Numbers.Zigong,
            [Issued(), ToppedUp(Yuan(10)), Rides.Charged(Rides.Bus("ride-2", "ZG-35", Clock.Now.AddMinutes(-10)))],
            Rides.Bus("ride-1", "ZG-1", Clock.Now.AddMinutes(-30)),
            OperationStatus.Accepted),
        new("reversal", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))], Reverse(amount: Fen(50)), OperationStatus.Accepted),
        new("refund", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))], Refund(amount: Fen(120)), OperationStatus.Accepted),
        new("block", Numbers.Zigong, [Issued()], Block(reason: BlockReason.Stolen), OperationStatus.Accepted),
        new("unblock", Numbers.Zigong, [Issued(), Blocked()], Unblock(), OperationStatus.Accepted),
        new("replace", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10))], Replace(), OperationStatus.Accepted),
        new("close", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10))], Close(), OperationStatus.Accepted),
        new("claim replacement", Numbers.ZigongReplacement, [], Claim(), OperationStatus.Accepted),
        new("receive replacement funds", Numbers.ZigongReplacement, [Claimed()], Funds(), OperationStatus.Accepted),
    ];

    public static TheoryData<RecordedRequest> Cases => new(All);

    /// <summary>Decides the request on its history and returns the first event it appends: the one that records it.</summary>
    public static CardEvent FirstEventOf(RecordedRequest kind) => EventsOf(kind)[0];

    /// <summary>
    /// Every event the request appends: one, except for a late ride, which also appends the adjustments of the rides
    /// after it (under its own operation id).
    /// </summary>
    public static IReadOnlyList<CardEvent> EventsOf(RecordedRequest kind)
    {
        var decision = CardDecider.Decide(kind.Before, kind.Request, Clock.Now, TestPolicies.Default);
        var events = Assert.IsType<CardDecision.Append>(decision).Events;
        Assert.NotEmpty(events);
        Assert.All(events.Skip(1), e => Assert.IsType<FareAdjusted>(e));
        return events;
    }
}
