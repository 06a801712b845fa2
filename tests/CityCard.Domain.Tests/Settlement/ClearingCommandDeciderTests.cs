using CityCard.Contracts;
using CityCard.Domain.Settlement;
using CityCard.Domain.Tests.Projection;
using static CityCard.Domain.Tests.Projection.Cards;

namespace CityCard.Domain.Tests.Settlement;

/// <summary>
/// A clearing command's idempotency, decided by the pure <see cref="ClearingCommandDecider"/> in the card's order
/// (operation id, then replay or conflict, then the command's rules), not by the grain (docs/decisions/0080).
/// </summary>
public sealed class ClearingCommandDeciderTests
{
    private static readonly DateOnly Day25 = new(2026, 11, 25);
    private static readonly ClearingPolicy Policy = ClearingPolicy.Default with { AutoCloseAfter = null };

    [Fact]
    public void A_malformed_operation_id_is_refused_before_anything_else()
    {
        var answer = ClearingCommandDecider.CheckOperation(new CloseWindowRequest("bad id!", Day25), null);

        Assert.Equal(ClearingRejection.InvalidOperationId, answer!.Rejection);
    }

    [Fact]
    public void A_new_operation_goes_on_to_the_commands_rules_and_an_accepted_one_is_recorded_with_its_answer()
    {
        var (h, request) = DayToClose();
        Assert.Null(ClearingCommandDecider.CheckOperation(request, null));

        var decision = ClearingCommandDecider.Decide(request, h.Close(Day25, China(26, 10)));

        Assert.Equal((OperationStatus.Accepted, false, Day25), (decision.Result.Status, decision.Result.IsReplay, decision.Result.Window!.Window));
        Assert.NotNull(decision.Change);
        Assert.Equal(ClearingFingerprint.Of(request), decision.Fingerprint);
    }

    [Fact]
    public void The_same_operation_again_answers_the_first_outcome_as_a_replay_and_other_content_is_a_conflict()
    {
        var (h, request) = DayToClose();
        var first = ClearingCommandDecider.Decide(request, h.Close(Day25, China(26, 10)));
        var recorded = new FirstClearingOperation(first.Fingerprint!, first.Result);

        var replay = ClearingCommandDecider.CheckOperation(request, recorded);
        var conflict = ClearingCommandDecider.CheckOperation(new CloseWindowRequest(request.OperationId, Day25.AddDays(-1)), recorded);

        Assert.Equal(first.Result with { IsReplay = true }, replay);
        Assert.Equal(ClearingRejection.OperationConflict, conflict!.Rejection);
    }

    [Fact]
    public void A_refused_command_records_nothing()
    {
        var (h, _) = DayToClose();
        var request = new CloseWindowRequest("close-27", new DateOnly(2026, 11, 27));

        var decision = ClearingCommandDecider.Decide(request, WindowCommands.Close(h.State, request, China(26, 10), 2, Policy));

        Assert.Equal(ClearingRejection.WindowInFuture, decision.Result.Rejection);
        Assert.Null(decision.Change);
        Assert.Null(decision.Fingerprint);
    }

    private static (ClearingHarness Harness, CloseWindowRequest Request) DayToClose()
    {
        var h = new ClearingHarness(Policy);
        h.Append(Zg, ToppedUp(100, City.LZ, China(25, 9)));
        h.Append(Zg, ToppedUp(100, City.LZ, China(26, 9)));
        h.Cycle(China(26, 10));
        return (h, new CloseWindowRequest("close-25", Day25));
    }
}
