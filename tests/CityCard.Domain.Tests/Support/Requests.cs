namespace CityCard.Domain.Tests.Support;

/// <summary>Well-formed requests with sensible defaults; a test overrides only what it is about.</summary>
public static class Requests
{
    public const string MerchantId = "LZ-SHOP-7";
    public const string TerminalId = "bus-0042";

    public static IssueCardRequest Issue(
        string op = "issue-1", City city = City.ZG, ProductCode? product = null, Money? deposit = null) =>
        new(op, city, product ?? ProductCode.Standard, deposit ?? Amounts.Yuan(20));

    public static TopUpRequest TopUp(
        string op = "top-up-1", Money? amount = null, City city = City.NJ, TopUpChannel channel = TopUpChannel.Kiosk) =>
        new(op, amount ?? Amounts.Yuan(50), city, channel);

    /// <summary>A purchase (a merchant category takes its amount as it is; transit taps carry rides, see Fares/).</summary>
    public static ChargeRequest Charge(
        string op = "charge-1",
        Money? amount = null,
        City city = City.LZ,
        string merchant = MerchantId,
        Category category = Category.Retail,
        string terminal = TerminalId,
        long sequence = 17,
        DateTimeOffset? tappedAt = null) =>
        new(op, amount ?? Amounts.Yuan(2), city, merchant, category, terminal, sequence, tappedAt ?? Clock.Now.AddMinutes(-3));

    public static ReverseChargeRequest Reverse(
        string op = "reverse-1", string charge = "charge-1", Money? amount = null, string reason = "Double tap at the gate") =>
        new(op, charge, amount ?? Amounts.Yuan(2), reason);

    public static RefundChargeRequest Refund(
        string op = "refund-1", string charge = "charge-1", Money? amount = null, string caseId = "YB:case-1", string reason = "Dispute upheld: alighted early") =>
        new(op, charge, amount ?? Amounts.Yuan(2), caseId, reason);

    public static BlockCardRequest Block(string op = "block-1", BlockReason reason = BlockReason.Lost) => new(op, reason);

    public static UnblockCardRequest Unblock(string op = "unblock-1") => new(op);

    public static ReplaceCardRequest Replace(string op = "replace-1", CardNumber? newCard = null) =>
        new(op, newCard ?? Numbers.ZigongReplacement);

    public static CloseCardRequest Close(string op = "close-1") => new(op);

    public static ClaimReplacementRequest Claim(string op = "replace-1", CardNumber? oldCard = null, ProductCode? product = null) =>
        new(op, oldCard ?? Numbers.Zigong, product ?? ProductCode.Standard);

    public static ReceiveReplacementFundsRequest Funds(
        string op = "replace-1", CardNumber? oldCard = null, Money? balance = null, Money? deposit = null) =>
        new(op, oldCard ?? Numbers.Zigong, balance ?? Amounts.Yuan(30), deposit ?? Amounts.Yuan(20));

    /// <summary>The tap details a charge request carries, as its events record them.</summary>
    public static TapDetails TapOf(ChargeRequest r) =>
        new(r.AcquirerCity, r.MerchantId, r.Category, r.TerminalId, r.TerminalSequence, r.TappedAt, r.Ride);
}
