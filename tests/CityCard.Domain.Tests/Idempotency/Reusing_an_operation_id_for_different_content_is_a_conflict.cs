using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Idempotency;

public sealed class Reusing_an_operation_id_for_different_content_is_a_conflict
{
    /// <summary>For each recorded kind, requests under the same id that differ in one field (or in kind).</summary>
    public static TheoryData<RecordedRequest, CardRequest> Conflicts()
    {
        var data = new TheoryData<RecordedRequest, CardRequest>();
        foreach (var kind in RequestKinds.All.Where(k => k.Request is not ReceiveReplacementFundsRequest))
        {
            foreach (var different in VariantsOf(kind.Request))
            {
                data.Add(kind, different);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void A_different_request_under_a_used_id_is_refused(RecordedRequest kind, CardRequest different)
    {
        Assert.Equal(kind.Request.OperationId, different.OperationId);
        var first = Assert.IsType<CardDecision.Append>(CardDecider.Decide(kind.Before, kind.Request, kind.Now, TestPolicies.Default));
        var after = CardEvolver.Fold(kind.Before, first.Events);

        var decision = CardDecider.Decide(after, different, kind.Now, TestPolicies.Default);

        var reject = Assert.IsType<CardDecision.Reject>(decision);
        Assert.Equal(RejectionCode.OperationConflict, reject.Code);
    }

    [Fact]
    public void A_used_id_is_a_conflict_before_the_new_content_is_even_checked()
    {
        Given(Issued(), ToppedUp(Yuan(50), "top-up-1"))
            .When(TopUp("top-up-1", Money.Zero))
            .ThenRejects(RejectionCode.OperationConflict);
    }

    [Fact]
    public void The_claims_id_cannot_be_reused_for_a_top_up_once_funds_arrived()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"), FundsReceived(Yuan(30), op: "replace-1"))
            .When(TopUp("replace-1", Yuan(5)))
            .ThenRejects(RejectionCode.OperationConflict);
    }

    [Fact]
    public void Funds_with_another_amount_under_the_claims_id_are_a_conflict()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"), FundsReceived(Yuan(30), Yuan(20), "replace-1"))
            .When(Funds("replace-1", Numbers.Zigong, Yuan(999), Yuan(20)))
            .ThenRejects(RejectionCode.OperationConflict);
    }

    [Fact]
    public void Funds_under_another_operations_id_are_not_answered_with_that_operations_outcome()
    {
        var decision = GivenCard(Numbers.ZigongReplacement, Claimed("replace-1"), FundsReceived(Yuan(30), Yuan(20), "replace-1"), ToppedUp(Yuan(5), "top-up-9"))
            .When(Funds("top-up-9", Numbers.Zigong, Yuan(30), Yuan(20)))
            .Decision;

        Assert.IsType<CardDecision.Reject>(decision);
    }

    private static IEnumerable<CardRequest> VariantsOf(CardRequest request)
    {
        var id = request.OperationId;
        switch (request)
        {
            case IssueCardRequest r:
                yield return r with { Deposit = r.Deposit + Fen(1) };
                yield return r with { Product = ProductCode.Senior };
                break;
            case TopUpRequest r:
                yield return r with { Amount = r.Amount + Fen(1) };
                yield return r with { LoadCity = City.YB };
                yield return r with { Channel = TopUpChannel.Online };
                break;
            case ChargeRequest r:
                yield return r with { Amount = r.Amount + Fen(1) };
                yield return r with { AcquirerCity = r.AcquirerCity == City.ZG ? City.LZ : City.ZG };
                yield return r with { MerchantId = "other" };
                yield return r with { Category = Category.Rail };
                yield return r with { TerminalId = "other" };
                yield return r with { TerminalSequence = r.TerminalSequence + 1 };
                yield return r with { TappedAt = r.TappedAt.AddTicks(1) };
                if (r.Ride is { } ride)
                {
                    yield return r with { Ride = ride with { Route = "ZG-3" } };
                    yield return r with { Ride = ride with { EndedAt = r.TappedAt.AddMinutes(20) } };
                }

                break;
            case ReverseChargeRequest r:
                yield return r with { Amount = r.Amount + Fen(1) };
                yield return r with { Reason = r.Reason + "!" };
                yield return r with { ChargeOperationId = "charge-2" };
                break;
            case BlockCardRequest r:
                yield return r with { Reason = BlockReason.Fraud };
                break;
            case ReplaceCardRequest r:
                yield return r with { NewCard = Numbers.ZigongOther };
                break;
            case SellPassRequest r:
                yield return r with { Product = "regional-bus-30", DefinedBy = null, Month = null };
                yield return r with { Month = r.Month!.Value.AddMonths(1) };
                break;
            case RefundPassRequest r:
                yield return r with { PassId = "pass-2" };
                break;
            case ClaimReplacementRequest r:
                yield return r with { Product = ProductCode.Student };
                yield return r with { OldCard = Numbers.ZigongOther };
                break;
            default:
                break;
        }

        // Every kind also conflicts with another kind of request under its id.
        yield return request is UnblockCardRequest ? new CloseCardRequest(id) : new UnblockCardRequest(id);
    }
}
