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
        new("reversal", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))], Reverse(amount: Fen(50)), OperationStatus.Accepted),
        new("block", Numbers.Zigong, [Issued()], Block(reason: BlockReason.Stolen), OperationStatus.Accepted),
        new("unblock", Numbers.Zigong, [Issued(), Blocked()], Unblock(), OperationStatus.Accepted),
        new("replace", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10))], Replace(), OperationStatus.Accepted),
        new("close", Numbers.Zigong, [Issued(), ToppedUp(Yuan(10))], Close(), OperationStatus.Accepted),
        new("claim replacement", Numbers.ZigongReplacement, [], Claim(), OperationStatus.Accepted),
        new("receive replacement funds", Numbers.ZigongReplacement, [Claimed()], Funds(), OperationStatus.Accepted),
    ];

    public static TheoryData<RecordedRequest> Cases => new(All);

    /// <summary>Decides the request on its history and returns the one event it appends.</summary>
    public static CardEvent FirstEventOf(RecordedRequest kind)
    {
        var decision = CardDecider.Decide(kind.Before, kind.Request, Clock.Now, ProductCatalog.Default);
        var append = Assert.IsType<CardDecision.Append>(decision);
        return Assert.Single(append.Events);
    }
}
