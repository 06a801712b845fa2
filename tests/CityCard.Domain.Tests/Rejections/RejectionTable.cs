using static CityCard.Domain.Tests.Rejections.RejectionCase;
using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Rejections;

/// <summary>Every refusal the card decider can give, with the limits around it. One row or more per code.</summary>
public static class RejectionTable
{
    private static readonly string LongId = new('a', CardLimits.MaxOperationIdLength + 1);
    private static readonly string LongMerchant = new('m', CardLimits.MaxMerchantIdLength + 1);
    private static readonly string LongTerminal = new('t', CardLimits.MaxTerminalIdLength + 1);
    private static readonly Money JustAboveLimit = CardLimits.MaxOperationAmount + Fen(1);

    public static IReadOnlyList<RejectionCase> Rows { get; } =
    [
        // Malformed operation ids: checked first, for every request, even before a replay.
        Rejected("empty operation id", RejectionCode.InvalidOperationId, TopUp(op: ""), Issued()),
        Rejected("operation id one character too long", RejectionCode.InvalidOperationId, TopUp(op: LongId), Issued()),
        Rejected("operation id with a space", RejectionCode.InvalidOperationId, Charge(op: "charge 1"), Issued()),
        Rejected("operation id with a slash", RejectionCode.InvalidOperationId, Block(op: "block/1"), Issued()),
        Rejected("operation id with non-ASCII letters", RejectionCode.InvalidOperationId, Close(op: "关闭-1"), Issued()),
        Rejected("reversal naming a malformed charge id", RejectionCode.InvalidOperationId, Reverse(charge: "charge#1"), Issued(), ToppedUp(Yuan(10))),
        Rejected("replacement funds with a malformed id", RejectionCode.InvalidOperationId, Funds(op: "replace 1"), Claimed()).OnCard(Numbers.ZigongReplacement),

        // Amounts.
        Rejected("top-up of zero", RejectionCode.AmountNotPositive, TopUp(amount: Money.Zero), Issued()),
        Rejected("negative top-up", RejectionCode.AmountNotPositive, TopUp(amount: Fen(-1)), Issued()),
        Rejected("charge of zero", RejectionCode.AmountNotPositive, Charge(amount: Money.Zero), Issued(), ToppedUp(Yuan(10))),
        Rejected("negative charge", RejectionCode.AmountNotPositive, Charge(amount: Yuan(-2)), Issued(), ToppedUp(Yuan(10))),
        Rejected("reversal of zero", RejectionCode.AmountNotPositive, Reverse(amount: Money.Zero), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("top-up one fen above the per-operation limit", RejectionCode.AmountAboveLimit, TopUp(amount: JustAboveLimit), Issued()),
        Rejected("charge one fen above the per-operation limit", RejectionCode.AmountAboveLimit, Charge(amount: JustAboveLimit), Issued(), ToppedUp(Yuan(10))),
        Rejected("reversal one fen above the per-operation limit", RejectionCode.AmountAboveLimit, Reverse(amount: JustAboveLimit), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),

        // The shape of a tap.
        Rejected("empty merchant id", RejectionCode.InvalidMerchantId, Charge(merchant: ""), Issued()),
        Rejected("merchant id one character too long", RejectionCode.InvalidMerchantId, Charge(merchant: LongMerchant), Issued()),
        Rejected("merchant id with a space", RejectionCode.InvalidMerchantId, Charge(merchant: "LZ BUS"), Issued()),
        Rejected("empty terminal id", RejectionCode.InvalidTerminalId, Charge(terminal: ""), Issued()),
        Rejected("terminal id one character too long", RejectionCode.InvalidTerminalId, Charge(terminal: LongTerminal), Issued()),
        Rejected("terminal id with a newline", RejectionCode.InvalidTerminalId, Charge(terminal: "bus\n42"), Issued()),
        Rejected("negative terminal sequence", RejectionCode.InvalidTerminalSequence, Charge(sequence: -1), Issued()),
        Rejected("tap one tick beyond the clock skew", RejectionCode.TapTimeInFuture, Charge(tappedAt: Clock.Now + CardLimits.TapClockSkew + TimeSpan.FromTicks(1)), Issued()),
        Rejected("tap a day in the future", RejectionCode.TapTimeInFuture, Charge(tappedAt: Clock.Now.AddDays(1)), Issued()),
        Rejected("tap one tick older than the upload window", RejectionCode.TapTooOld, Charge(tappedAt: Clock.Now - CardLimits.MaxTapAge - TimeSpan.FromTicks(1)), Issued()),
        Rejected("tap from last year", RejectionCode.TapTooOld, Charge(tappedAt: Clock.Now.AddYears(-1)), Issued()),

        // Reasons for a reversal.
        Rejected("empty reversal reason", RejectionCode.InvalidReason, Reverse(reason: ""), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("blank reversal reason", RejectionCode.InvalidReason, Reverse(reason: "   "), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("reversal reason one character too long", RejectionCode.InvalidReason, Reverse(reason: new string('r', CardLimits.MaxReasonLength + 1)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("reversal reason with a control character", RejectionCode.InvalidReason, Reverse(reason: "double\ttap"), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),

        // Products, deposits, cities.
        Rejected("issue of a product nobody sells", RejectionCode.UnknownProduct, Issue(product: ProductCode.Parse("gold"))),
        Rejected("claim for a product nobody sells", RejectionCode.UnknownProduct, Claim(product: ProductCode.Parse("gold"))).OnCard(Numbers.ZigongReplacement),
        Rejected("negative deposit", RejectionCode.DepositOutOfRange, Issue(deposit: Fen(-1))),
        Rejected("deposit one fen above the maximum", RejectionCode.DepositOutOfRange, Issue(deposit: CardLimits.MaxDeposit + Fen(1))),
        Rejected("Zigong number issued by Luzhou", RejectionCode.IssuerMismatch, Issue(city: City.LZ)),
        Rejected("issue by city 99", RejectionCode.UnknownCity, Issue(city: (City)99)),
        Rejected("issue by city 0", RejectionCode.UnknownCity, Issue(city: default)),
        Rejected("top-up loaded in city 99", RejectionCode.UnknownCity, TopUp(city: (City)99), Issued()),
        Rejected("tap acquired in city 0", RejectionCode.UnknownCity, Charge(city: default), Issued()),
        Rejected("tap of category 99", RejectionCode.UnknownCategory, Charge(category: (Category)99), Issued()),
        Rejected("tap of category 0", RejectionCode.UnknownCategory, Charge(category: default), Issued()),
        Rejected("top-up through channel 99", RejectionCode.UnknownChannel, TopUp(channel: (TopUpChannel)99), Issued()),
        Rejected("block for reason 99", RejectionCode.UnknownBlockReason, Block(reason: (BlockReason)99), Issued()),

        // Idempotency.
        Rejected("operation id reused for another amount", RejectionCode.OperationConflict, TopUp("top-up-0", Yuan(60)), Issued(), ToppedUp(Yuan(50), "top-up-0")),
        Rejected("operation id reused for another kind of request", RejectionCode.OperationConflict, Block("top-up-0"), Issued(), ToppedUp(Yuan(50), "top-up-0")),

        // The card's state.
        Rejected("top-up of a card never issued", RejectionCode.CardNotIssued, TopUp()),
        Rejected("tap on a card never issued", RejectionCode.CardNotIssued, Charge()),
        Rejected("reversal on a card never issued", RejectionCode.CardNotIssued, Reverse()),
        Rejected("block of a card never issued", RejectionCode.CardNotIssued, Block()),
        Rejected("unblock of a card never issued", RejectionCode.CardNotIssued, Unblock()),
        Rejected("replacement of a card never issued", RejectionCode.CardNotIssued, Replace()),
        Rejected("closing a card never issued", RejectionCode.CardNotIssued, Close()),
        Rejected("second issue", RejectionCode.CardAlreadyIssued, Issue("issue-2"), Issued()),
        Rejected("top-up of a blocked card", RejectionCode.CardBlocked, TopUp(), Issued(), Blocked()),
        Refused("tap on a blocked card", RejectionCode.CardBlocked, Charge(), Issued(), ToppedUp(Yuan(10)), Blocked()),
        Rejected("top-up of a replaced card", RejectionCode.CardReplaced, TopUp(), Issued(), Replaced(Money.Zero)),
        Refused("tap on a replaced card", RejectionCode.CardReplaced, Charge(), Issued(), Replaced(Money.Zero)),
        Rejected("reversal on a replaced card", RejectionCode.CardReplaced, Reverse(), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Replaced(Yuan(8))),
        Rejected("block of a replaced card", RejectionCode.CardReplaced, Block(), Issued(), Replaced(Money.Zero)),
        Rejected("closing a replaced card", RejectionCode.CardReplaced, Close(), Issued(), Replaced(Money.Zero)),
        Rejected("top-up of a closed card", RejectionCode.CardClosed, TopUp(), Issued(), Closed(Money.Zero)),
        Refused("tap on a closed card", RejectionCode.CardClosed, Charge(), Issued(), Closed(Money.Zero)),
        Rejected("reversal on a closed card", RejectionCode.CardClosed, Reverse(), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Closed(Yuan(8))),
        Rejected("unblock of a closed card", RejectionCode.CardClosed, Unblock(), Issued(), Blocked(), Closed(Money.Zero)),
        Rejected("replacement of a closed card", RejectionCode.CardClosed, Replace(), Issued(), Closed(Money.Zero)),
        Rejected("top-up of a replacement awaiting its funds", RejectionCode.ReplacementPending, TopUp(), Claimed()).OnCard(Numbers.ZigongReplacement),
        Refused("tap on a replacement awaiting its funds", RejectionCode.ReplacementPending, Charge(), Claimed()).OnCard(Numbers.ZigongReplacement),
        Rejected("block of a replacement awaiting its funds", RejectionCode.ReplacementPending, Block(), Claimed()).OnCard(Numbers.ZigongReplacement),
        Rejected("closing a replacement awaiting its funds", RejectionCode.ReplacementPending, Close(), Claimed()).OnCard(Numbers.ZigongReplacement),
        Rejected("replacing a replacement awaiting its funds", RejectionCode.ReplacementPending, Replace("replace-9", Numbers.ZigongOther), Claimed()).OnCard(Numbers.ZigongReplacement),
        Refused("tap an hour before the card was issued", RejectionCode.TapBeforeIssue, Charge(tappedAt: Clock.Earlier.AddHours(-1)), Issued(), ToppedUp(Yuan(10))),
        Refused("tap one tick beyond the clock skew before the card was issued", RejectionCode.TapBeforeIssue, Charge(tappedAt: Clock.Earlier - CardLimits.TapClockSkew - TimeSpan.FromTicks(1)), Issued(), ToppedUp(Yuan(10))),
        Refused("ride a day before the card was issued", RejectionCode.TapBeforeIssue, Rides.Bus(tappedAt: Clock.Earlier.AddDays(-1)), Issued(), ToppedUp(Yuan(10))),
        Refused("tap before the card was issued, on a card since blocked", RejectionCode.TapBeforeIssue, Charge(tappedAt: Clock.Earlier.AddHours(-2)), Issued(), ToppedUp(Yuan(10)), Blocked()),
        Refused("tap on a replacement from before it was claimed", RejectionCode.TapBeforeIssue, Charge(tappedAt: Clock.Earlier.AddMinutes(-30)), Claimed(), FundsReceived(Yuan(30))).OnCard(Numbers.ZigongReplacement),
        Rejected("block of a blocked card", RejectionCode.CardAlreadyBlocked, Block(), Issued(), Blocked()),
        Rejected("unblock of an active card", RejectionCode.CardNotBlocked, Unblock(), Issued()),

        // Money rules.
        Refused("tap for one fen more than the balance", RejectionCode.InsufficientBalance, Charge(amount: Yuan(2)), Issued(), ToppedUp(Yuan(2) - Fen(1))),
        Refused("tap on an empty card", RejectionCode.InsufficientBalance, Charge(amount: Fen(1)), Issued()),
        Rejected("top-up one fen past the ceiling", RejectionCode.BalanceCeilingExceeded, TopUp(amount: Fen(1)), Issued(), ToppedUp(CardLimits.DefaultBalanceCeiling)),

        // Reversals.
        Rejected("reversal of a charge the card never had", RejectionCode.ChargeNotFound, Reverse(charge: "charge-404"), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("reversal of a refused tap", RejectionCode.ChargeNotFound, Reverse(charge: "charge-1"), Issued(), Refused(Yuan(2), RejectionCode.InsufficientBalance)),
        Rejected("reversal naming a top-up", RejectionCode.ChargeNotFound, Reverse(charge: "top-up-0"), Issued(), ToppedUp(Yuan(10), "top-up-0")),
        Rejected("second reversal of a charge", RejectionCode.ChargeAlreadyReversed, Reverse("reverse-2", amount: Fen(1)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Reversed(Yuan(2))),
        Rejected("reversal one fen above the charge", RejectionCode.ReversalExceedsCharge, Reverse(amount: Yuan(2) + Fen(1)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),

        // Refunds of upheld disputes: with reversals, never more than the charge cost.
        Rejected("refund one fen above the charge", RejectionCode.RefundExceedsCharge, Refund(amount: Yuan(2) + Fen(1)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("second refund beyond what is left of the charge", RejectionCode.RefundExceedsCharge, Refund("refund-2", amount: Fen(51)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Refunded(Fen(150))),
        Rejected("refund beyond what a reversal left", RejectionCode.RefundExceedsCharge, Refund(amount: Fen(151)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Reversed(Fen(50))),
        Rejected("reversal beyond what a refund left", RejectionCode.ReversalExceedsCharge, Reverse(amount: Fen(51)), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Refunded(Fen(150))),
        Rejected("refund of a charge the card never had", RejectionCode.ChargeNotFound, Refund(charge: "charge-404"), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("refund of zero", RejectionCode.AmountNotPositive, Refund(amount: Money.Zero), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("refund without a reason", RejectionCode.InvalidReason, Refund(reason: " "), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("refund naming a malformed case", RejectionCode.InvalidCaseId, Refund(caseId: "case #1"), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))),
        Rejected("refund on a closed card", RejectionCode.CardClosed, Refund(), Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2)), Closed(Yuan(8))),

        // Fares: a tap the policy cannot price is refused without trace (policies/zg.json; Zigong runs no rail).
        Rejected("bus tap without its ride", RejectionCode.RideMissing, Charge(category: Category.Bus), Issued(), ToppedUp(Yuan(10))),
        Rejected("purchase naming a ride", RejectionCode.RideNotExpected, Charge() with { Ride = RideDetails.Bus("ZG-1") }, Issued(), ToppedUp(Yuan(10))),
        Rejected("ride naming its own fare", RejectionCode.FareAmountNotExpected, Rides.Bus() with { Amount = Yuan(2) }, Issued(), ToppedUp(Yuan(10))),
        Rejected("bus ride without a route", RejectionCode.InvalidRide, Rides.Bus() with { Ride = new RideDetails(null, null, null, null) }, Issued(), ToppedUp(Yuan(10))),
        Rejected("bus route the city does not run", RejectionCode.UnknownRoute, Rides.Bus(route: "ZG-404"), Issued(), ToppedUp(Yuan(10))),
        Rejected("coach station nobody lists", RejectionCode.UnknownStation, Rides.Coach("ZG-CS", "XX-CS"), Issued(), ToppedUp(Yuan(10))),
        Rejected("coach stations with no fare between them", RejectionCode.NoFareForTrip, Rides.Coach("LZ-CS", "YB-CS"), Issued(), ToppedUp(Yuan(10))),
        Rejected("rail in a city without rail", RejectionCode.ModeNotOffered, Rides.Rail("ZG-A", "ZG-B"), Issued(), ToppedUp(Yuan(10))),
        Rejected("ride before the first policy version", RejectionCode.NoPolicyInForce, Rides.Bus(tappedAt: new DateTimeOffset(2025, 12, 31, 23, 0, 0, Clock.ChinaStandardTime)), Issued(), ToppedUp(Yuan(10)))
            with { Now = new DateTimeOffset(2026, 1, 2, 8, 0, 0, Clock.ChinaStandardTime) },
        Rejected("closing a card whose debt is more than its deposit", RejectionCode.OutstandingDebt, Close(), Issued(deposit: Money.Zero), Charged(Yuan(3))),
        Rejected("replacing a card with a debt beyond any overdraft", RejectionCode.OutstandingDebt, Replace(), Issued(), Charged(Yuan(60))),

        // Replacement.
        Rejected("card replaced by itself", RejectionCode.ReplacementSameCard, Replace(newCard: Numbers.Zigong), Issued()),
        Rejected("Zigong card replaced by a Luzhou number", RejectionCode.ReplacementIssuerMismatch, Replace(newCard: Numbers.Luzhou), Issued()),
        Rejected("Zigong number claimed for a Luzhou card", RejectionCode.ReplacementIssuerMismatch, Claim(oldCard: Numbers.Luzhou)).OnCard(Numbers.ZigongReplacement),
        Rejected("claim of an issued number", RejectionCode.ReplacementTargetUnavailable, Claim(), Issued(card: Numbers.ZigongReplacement)).OnCard(Numbers.ZigongReplacement),
        Rejected("funds for a number never claimed", RejectionCode.ReplacementTargetUnavailable, Funds()).OnCard(Numbers.ZigongReplacement),
        Rejected("funds under another id than the claim", RejectionCode.ReplacementTargetUnavailable, Funds(op: "replace-2"), Claimed("replace-1")).OnCard(Numbers.ZigongReplacement),
        Rejected("funds from another card than the claimed one", RejectionCode.ReplacementTargetUnavailable, Funds(oldCard: Numbers.ZigongOther), Claimed()).OnCard(Numbers.ZigongReplacement),

        // Passes (decision 0060), on a day the repository's policies sell them: nothing is recorded.
        OnPassDay(Rejected("a pass nobody sells", RejectionCode.UnknownPassProduct, Sell(City.ZG, "zg-weekly"), PassHolder())),
        OnPassDay(Rejected("a pass product that is no identifier", RejectionCode.InvalidPassId, Sell(City.ZG, "zg monthly"), PassHolder())),
        OnPassDay(Rejected("a refund naming no pass id", RejectionCode.InvalidPassId, new RefundPassRequest("refund-pass-1", "pass 1"), PassHolder())),
        OnPassDay(Rejected("a monthly pass with no month", RejectionCode.InvalidPassStart, Sell(City.ZG, "zg-monthly"), PassHolder())),
        OnPassDay(Rejected("Luzhou's student price for a Zigong student card", RejectionCode.PassNotForProduct, Sell(City.LZ, "lz-monthly", January), Issued(at: PassDay.AddHours(-2), product: ProductCode.Student), ToppedUp(Yuan(100), at: PassDay.AddHours(-2)))),
        OnPassDay(Rejected("the same month's pass twice", RejectionCode.PassAlreadyHeld, Sell(City.ZG, "zg-monthly", January), [.. PassHolder(), JanuaryPass])),
        OnPassDay(Rejected("a thirteenth pass", RejectionCode.TooManyPasses, Sell(City.ZG, "zg-monthly", January), [.. PassHolder(), .. TwelveScenicPasses()])),
        OnPassDay(Rejected("a pass beyond the balance", RejectionCode.InsufficientBalance, Sell(null, "regional-bus-30"), Issued(at: PassDay.AddHours(-2)), ToppedUp(Yuan(10), at: PassDay.AddHours(-2)))),
        OnPassDay(Rejected("a refund of a pass the card never held", RejectionCode.UnknownPass, new RefundPassRequest("refund-pass-1", "pass-404"), [.. PassHolder(), JanuaryPass])),
        OnPassDay(Rejected("a pass refunded twice", RejectionCode.PassAlreadyRefunded, new RefundPassRequest("refund-pass-2", "pass-1"), [.. PassHolder(), JanuaryPass, JanuaryPassRefunded])),
        Rejected("a refund after the pass's month", RejectionCode.PassExpired, new RefundPassRequest("refund-pass-1", "pass-1"), [.. PassHolder(), JanuaryPass])
            with { Now = new DateTimeOffset(2027, 2, 1, 0, 0, 0, Clock.ChinaStandardTime) },
        Rejected("a refund on the month's last day: nothing left but the fee", RejectionCode.NothingLeftOnPass, new RefundPassRequest("refund-pass-1", "pass-1"), [.. PassHolder(), JanuaryPass])
            with { Now = new DateTimeOffset(2027, 1, 31, 12, 0, 0, Clock.ChinaStandardTime) },
        OnPassDay(Rejected("an apportionment before any pass period ended", RejectionCode.NothingToApportion, new ApportionPassesRequest("apportion-1"), [.. PassHolder(), JanuaryPass])),
    ];

    // Properties, not fields: Rows above is initialised first, and reads them.
    private static DateTimeOffset PassDay => new(2027, 1, 2, 10, 0, 0, Clock.ChinaStandardTime);

    private static DateOnly January => new(2027, 1, 1);

    private static PassSold JanuaryPass => new("pass-1", PassDay.AddHours(-1), Passes.PassKit.Sold(City.ZG, "zg-monthly", "2027-01-02 09:00", month: "2027-01-01", passId: "pass-1"));

    private static PassRefunded JanuaryPassRefunded => new("refund-pass-1", PassDay.AddMinutes(-30), "pass-1", City.ZG, Yuan(54), Yuan(56), Yuan(2), 29, 31, "days");

    private static RejectionCase OnPassDay(RejectionCase row) => row with { Now = PassDay };

    private static SellPassRequest Sell(City? definedBy, string product, DateOnly? month = null) => new("sell-pass-1", definedBy, product, month);

    private static CardEvent[] PassHolder() => [Issued(at: PassDay.AddHours(-2)), ToppedUp(Yuan(500), at: PassDay.AddHours(-2))];

    private static IEnumerable<CardEvent> TwelveScenicPasses() =>
        Enumerable.Range(1, 12).Select(i => new PassSold($"scenic-{i}", PassDay.AddHours(-1), Passes.PassKit.Sold(null, "scenic-park-12", "2027-01-02 09:00", passId: $"scenic-{i}")));
}
