namespace CityCard.Domain.Tests.Support;

/// <summary>
/// Past events for the "given" part of a spec, recorded at <see cref="Clock.Earlier"/> unless told otherwise. They
/// describe the default card <see cref="Numbers.Zigong"/>, issued with a 20 yuan deposit.
/// </summary>
public static class History
{
    public static CardIssued Issued(
        string op = "issue-1", Money? deposit = null, ProductCode? product = null, CardNumber? card = null, DateTimeOffset? at = null)
    {
        var number = card ?? Numbers.Zigong;
        return new(op, at ?? Clock.Earlier, number, number.Issuer, product ?? ProductCode.Standard, deposit ?? Amounts.Yuan(20));
    }

    public static CardToppedUp ToppedUp(Money amount, string op = "top-up-0", DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, amount, City.ZG, TopUpChannel.ServiceDesk);

    public static CardCharged Charged(Money amount, string op = "charge-1", DateTimeOffset? at = null)
    {
        var recorded = at ?? Clock.Earlier;
        var tap = Requests.TapOf(Requests.Charge(op, amount, tappedAt: recorded.AddMinutes(-2)));
        return new(op, recorded, amount, tap);
    }

    public static ChargeRefused Refused(Money amount, RejectionCode reason, string op = "charge-1", DateTimeOffset? at = null)
    {
        var recorded = at ?? Clock.Earlier;
        var tap = Requests.TapOf(Requests.Charge(op, amount, tappedAt: recorded.AddMinutes(-2)));
        return new(op, recorded, amount, tap, reason);
    }

    public static ChargeReversed Reversed(Money amount, string charge = "charge-1", string op = "reverse-0", DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, charge, amount, City.LZ, Category.Retail, Requests.MerchantId, "Refund at the desk");

    /// <summary>A refund of <paramref name="charge"/> (as <see cref="Charged"/> makes it) for an upheld dispute.</summary>
    public static ChargeRefunded Refunded(Money amount, string charge = "charge-1", string op = "refund-0", DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, charge, amount, City.LZ, Category.Retail, Requests.MerchantId, Clock.Earlier.AddMinutes(-2), "YB:case-0", "Dispute upheld");

    public static CardBlocked Blocked(BlockReason reason = BlockReason.Lost, string op = "block-0", DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, reason);

    public static CardUnblocked Unblocked(string op = "unblock-0", DateTimeOffset? at = null) => new(op, at ?? Clock.Earlier);

    public static CardReplaced Replaced(
        Money balance, Money? deposit = null, CardNumber? newCard = null, string op = "replace-0", DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, newCard ?? Numbers.ZigongReplacement, balance, deposit ?? Amounts.Yuan(20));

    public static CardClosed Closed(Money balance, Money? deposit = null, string op = "close-0", DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, balance, deposit ?? Amounts.Yuan(20));

    /// <summary>The replacement card's side: its number was claimed for <see cref="Numbers.Zigong"/>.</summary>
    public static ReplacementCardClaimed Claimed(string op = "replace-1", CardNumber? card = null, CardNumber? oldCard = null, DateTimeOffset? at = null)
    {
        var number = card ?? Numbers.ZigongReplacement;
        return new(op, at ?? Clock.Earlier, number, number.Issuer, oldCard ?? Numbers.Zigong, ProductCode.Standard);
    }

    public static ReplacementFundsReceived FundsReceived(
        Money balance, Money? deposit = null, string op = "replace-1", CardNumber? oldCard = null, DateTimeOffset? at = null) =>
        new(op, at ?? Clock.Earlier, oldCard ?? Numbers.Zigong, balance, deposit ?? Amounts.Yuan(20));
}
