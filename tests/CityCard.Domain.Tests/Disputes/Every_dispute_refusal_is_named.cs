using CityCard.Domain.Disputes;
using static CityCard.Domain.Tests.Disputes.DisputeKit;

namespace CityCard.Domain.Tests.Disputes;

/// <summary>Every refusal the dispute decider can give, one row or more per code; a refusal records nothing.</summary>
public sealed class Every_dispute_refusal_is_named
{
    private static readonly Dictionary<string, (DisputeRejection Code, Func<DisputeDecision> Decide)> Cases = new()
    {
        ["malformed operation id"] = (DisputeRejection.InvalidOperationId, () => When(Given(), Open(op: "open 1"))),
        ["malformed charge id"] = (DisputeRejection.InvalidOperationId, () => When(Given(), Open(charge: "charge#1"))),
        ["case id too long"] = (DisputeRejection.InvalidCaseId, () => DisputeDecider.Decide(DisputeState.Initial(new string('c', 49)), Open(), Facts(), Clock.Now, DisputePolicy.Default)),
        ["actor with a space"] = (DisputeRejection.InvalidActor, () => When(Given(), Open() with { Actor = "desk 7" })),
        ["blank reason"] = (DisputeRejection.InvalidText, () => When(Given(), Open(reason: "  "))),
        ["evidence too long"] = (DisputeRejection.InvalidText, () => When(Given(), Open() with { Evidence = new string('e', 1_001) })),
        ["note with a control character"] = (DisputeRejection.InvalidText, () => When(Given(Opened()), Review() with { Note = "a\u0000b" })),
        ["opened for no card"] = (DisputeRejection.MalformedCardNumber, () => When(Given(), Open() with { Card = default })),
        ["city 99 acting"] = (DisputeRejection.UnknownCity, () => When(Given(Opened()), Review(by: (City)99))),
        ["refund of zero"] = (DisputeRejection.AmountNotPositive, () => When(Given(Opened(), Reviewing()), Uphold(0))),
        ["operation id reused for another command"] = (DisputeRejection.OperationConflict, () => When(Given(Opened(), Reviewing()), Reject(op: "LZ:review-1"))),
        ["Luzhou opening a Yibin card's case"] = (DisputeRejection.NotCardIssuer, () => When(Given(), Open(by: City.LZ))),
        ["Yibin reviewing a Luzhou charge"] = (DisputeRejection.NotChargeAcquirer, () => When(Given(Opened()), Review(by: City.YB))),
        ["Zigong upholding a Luzhou charge"] = (DisputeRejection.NotChargeAcquirer, () => When(Given(Opened(), Reviewing()), Uphold(by: City.ZG))),
        ["review of a case never opened"] = (DisputeRejection.CaseNotFound, () => When(Given(), Review())),
        ["the case id opened by another operation"] = (DisputeRejection.CaseAlreadyOpened, () => When(Given(Opened()), Open(op: "YB:case-1-again"))),
        ["second review"] = (DisputeRejection.CaseNotOpen, () => When(Given(Opened(), Reviewing()), Review(op: "LZ:review-2"))),
        ["uphold before review"] = (DisputeRejection.CaseNotUnderReview, () => When(Given(Opened()), Uphold())),
        ["reject before review"] = (DisputeRejection.CaseNotUnderReview, () => When(Given(Opened()), Reject())),
        ["review after the decision"] = (DisputeRejection.CaseDecided, () => When(Given(Opened(), Reviewing(), Upheld()), Review(op: "LZ:review-2"))),
        ["second uphold"] = (DisputeRejection.CaseDecided, () => When(Given(Opened(), Reviewing(), Upheld()), Uphold(op: "LZ:uphold-2"))),
        ["charge the card does not have"] = (DisputeRejection.ChargeNotFound, () => When(Given(), Open(), new DisputeFacts(null, null))),
        ["charge of another card"] = (DisputeRejection.ChargeNotFound, () => When(Given(), Open(), Facts(Charge() with { Card = CardNumber.Create(City.YB, 99) }))),
        ["charge forgotten before the decision"] = (DisputeRejection.ChargeNotFound, () => When(Given(Opened(), Reviewing()), Uphold(), new DisputeFacts(null, Verified))),
        ["a free ride"] = (DisputeRejection.NothingToRefund, () => When(Given(), Open(), Facts(Charge(paid: 0)))),
        ["a charge already reversed in full"] = (DisputeRejection.NothingToRefund, () => When(Given(), Open(), Facts(Charge(reversed: 4_200)))),
        ["nothing left when deciding"] = (DisputeRejection.NothingToRefund, () => When(Given(Opened(), Reviewing()), Uphold(), Facts(Charge(refunded: 4_200)))),
        ["refund one fen above the charge"] = (DisputeRejection.RefundExceedsCharge, () => When(Given(Opened(), Reviewing()), Uphold(4_201))),
        ["refund beyond what a reversal left"] = (DisputeRejection.RefundExceedsCharge, () => When(Given(Opened(), Reviewing()), Uphold(4_000), Facts(Charge(reversed: 201)))),
        ["opened one day after the deadline"] = (DisputeRejection.DeadlinePassed, () => When(Given(), Open(), now: TappedAt.AddDays(181))),
        ["upheld on a stream that fails its chain"] = (DisputeRejection.StreamNotVerified, () => When(Given(Opened(), Reviewing()), Uphold(), Facts(stream: Broken))),
        ["rejected on a stream that fails its chain"] = (DisputeRejection.StreamNotVerified, () => When(Given(Opened(), Reviewing()), Reject(), Facts(stream: Broken))),
    };

    public static TheoryData<string, DisputeRejection> Rows
    {
        get
        {
            var rows = new TheoryData<string, DisputeRejection>();
            foreach (var (name, row) in Cases)
            {
                rows.Add(name, row.Code);
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_refusal_has_its_code(string name, DisputeRejection code)
    {
        var decision = Cases[name].Decide();

        Assert.Equal(code, Assert.IsType<DisputeDecision.Reject>(decision).Code);
    }

    [Fact]
    public void Every_code_has_a_row()
    {
        Assert.Empty(Enum.GetValues<DisputeRejection>().Except(Cases.Values.Select(c => c.Code)));
    }
}
