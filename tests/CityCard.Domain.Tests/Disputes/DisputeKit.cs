using CityCard.Domain.Disputes;

namespace CityCard.Domain.Tests.Disputes;

/// <summary>
/// The story every dispute spec starts from: a Yibin card charged 42.00 for a Luzhou coach three days ago; Yibin's
/// desk opens the case, Luzhou reviews and decides it.
/// </summary>
public static class DisputeKit
{
    public const string CaseId = "YB:case-1";
    public const string ChargeId = "LZ:tap:LZ-COACH-T1:17";

    public static readonly CardNumber Card = CardNumber.Create(City.YB, 1234);
    public static readonly DateTimeOffset TappedAt = Clock.Now.AddDays(-3);
    public static readonly string Head = new('a', 64);

    public static ChargeView Charge(long paid = 4_200, long reversed = 0, long refunded = 0) =>
        new(Card, ChargeId, Money.FromFen(paid), Money.FromFen(paid), Money.FromFen(reversed), Money.FromFen(refunded), Money.FromFen(paid - reversed - refunded),
            City.LZ, Category.Coach, "LZ-COACH", TappedAt, TappedAt.AddMinutes(1));

    public static StreamVerification Verified { get; } = new(Card, true, 9, Head, null);

    public static StreamVerification Broken { get; } =
        new(Card, false, 4, null, new ChainBreak(4, "card_charged.v1", ChargeId, ChainBreakKind.HashMismatch, new string('b', 64), new string('c', 64)));

    public static DisputeFacts Facts(ChargeView? charge = null, StreamVerification? stream = null) => new(charge ?? Charge(), stream ?? Verified);

    public static OpenDisputeRequest Open(string op = "YB:case-1", City by = City.YB, string charge = ChargeId, string reason = "Got off at Hejiang, charged to Yibin") =>
        new(op, by, "yb-desk-07", Card, charge, reason, "Ticket stub LZ-YB 08:10; alighting receipt Hejiang 09:05");

    public static ReviewDisputeRequest Review(string op = "LZ:review-1", City by = City.LZ) => new(op, by, "lz-ops-02", "Checking the coach's manifest");

    public static UpholdDisputeRequest Uphold(long? fen = 1_500, string op = "LZ:uphold-1", City by = City.LZ) =>
        new(op, by, "lz-ops-02", fen is { } f ? Money.FromFen(f) : null, "Manifest shows alighting at Hejiang: refund the fare difference");

    public static RejectDisputeRequest Reject(string op = "LZ:reject-1", City by = City.LZ) => new(op, by, "lz-ops-02", "Manifest shows the full trip");

    public static DisputeOpened Opened() =>
        new("YB:case-1", Clock.Earlier, CaseId, Card, ChargeId, City.YB, "yb-desk-07", "Got off at Hejiang, charged to Yibin",
            "Ticket stub LZ-YB 08:10; alighting receipt Hejiang 09:05", City.LZ, Category.Coach, "LZ-COACH", Money.FromFen(4_200), TappedAt, TappedAt.AddDays(180));

    public static DisputeReviewStarted Reviewing() => new("LZ:review-1", Clock.Earlier, City.LZ, "lz-ops-02", "Checking the coach's manifest");

    public static DisputeUpheld Upheld(long fen = 1_500) =>
        new("LZ:uphold-1", Clock.Earlier, City.LZ, "lz-ops-02", Money.FromFen(fen), Money.FromFen(fen), fen == 4_200, "Manifest shows alighting at Hejiang: refund the fare difference", Head, "refund:YB:case-1");

    public static DisputeState Given(params DisputeEvent[] events) => DisputeEvolver.Fold(DisputeState.Initial(CaseId), events);

    public static DisputeDecision When(DisputeState state, DisputeRequest request, DisputeFacts? facts = null, DateTimeOffset? now = null) =>
        DisputeDecider.Decide(state, request, facts ?? Facts(), now ?? Clock.Now, DisputePolicy.Default);
}
