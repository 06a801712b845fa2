using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Idempotency;

/// <summary>A request the card records, with a history in which it is recorded.</summary>
/// <param name="At">When it is decided: <see cref="Clock.Now"/> unless the kind needs another day (passes are sold from 2027).</param>
/// <param name="Carried">For funds arriving at a replacement card: the passes the old card gave up.</param>
public sealed record RecordedRequest(
    string Name, CardNumber Card, IReadOnlyList<CardEvent> Given, CardRequest Request, OperationStatus Status, DateTimeOffset? At = null, CarriedPasses? Carried = null)
{
    public CardState Before => CardEvolver.Fold(CardState.Initial(Card), Given);

    public DateTimeOffset Now => At ?? Clock.Now;

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
        new("sell pass", Numbers.Zigong, PassHolder(), new SellPassRequest("sell-pass-1", City.ZG, "zg-monthly", new DateOnly(2027, 1, 15)), OperationStatus.Accepted, PassDay),
        new("refund pass", Numbers.Zigong, [.. PassHolder(), JanuaryPass], new RefundPassRequest("refund-pass-1", "pass-1"), OperationStatus.Accepted, PassDay.AddDays(3)),
        new("apportion passes", Numbers.Zigong, [.. PassHolder(), JanuaryPass], new ApportionPassesRequest("apportion-1"), OperationStatus.Accepted, PassDay.AddMonths(1)),
        new(
            "receive replacement funds and passes",
            Numbers.ZigongReplacement,
            [Claimed(at: PassDay)],
            Funds(),
            OperationStatus.Accepted,
            PassDay,
            new CarriedPasses([JanuaryPass.Pass], [], [])),
    ];

    /// <summary>A day the repository's policies sell passes (their 2027-01-01 versions).</summary>
    private static DateTimeOffset PassDay => new(2027, 1, 2, 10, 0, 0, ChinaTime.Offset);

    private static PassSold JanuaryPass => new("pass-1", PassDay, Tests.Passes.PassKit.Sold(City.ZG, "zg-monthly", "2027-01-02 09:00", month: "2027-01-01", passId: "pass-1"));

    private static CardEvent[] PassHolder() => [Issued(at: PassDay.AddHours(-2)), ToppedUp(Yuan(100), at: PassDay.AddHours(-2))];

    public static TheoryData<RecordedRequest> Cases => new(All);

    /// <summary>Decides the request on its history and returns the first event it appends: the one that records it.</summary>
    public static CardEvent FirstEventOf(RecordedRequest kind) => EventsOf(kind)[0];

    /// <summary>
    /// Every event the request appends: one, except for a late ride, which also appends the adjustments of the rides
    /// after it (under its own operation id).
    /// </summary>
    public static IReadOnlyList<CardEvent> EventsOf(RecordedRequest kind)
    {
        var decision = CardDecider.Decide(kind.Before, kind.Request, kind.Now, TestPolicies.Default, kind.Carried);
        var events = Assert.IsType<CardDecision.Append>(decision).Events;
        Assert.NotEmpty(events);
        Assert.All(events.Skip(1), e => Assert.True(e is FareAdjusted or PassesCarriedOver, e.GetType().Name));
        return events;
    }
}
