using CityCard.Domain.Disputes;
using CsCheck;
using static CityCard.Domain.Tests.Disputes.DisputeKit;

namespace CityCard.Domain.Tests.Disputes;

/// <summary>
/// Random commands by random cities, with random facts from the card (what is left of the charge, whether the stream
/// verifies): the case only ever moves open → under review → upheld or rejected, is decided at most once, only by the
/// charge's city, on a verified stream, and never refunds more than was left of the charge.
/// </summary>
public sealed class Random_commands_keep_a_case_on_its_rails
{
    private static readonly Gen<DisputeRequest> Commands =
        from kind in Gen.Int[0, 3]
        from city in Gen.Enum<City>()
        from op in Gen.Int[0, 5]
        from fen in Gen.Long[-10, 5_000]
        from full in Gen.Bool
        select kind switch
        {
            0 => (DisputeRequest)Open($"op-{op}", city),
            1 => Review($"op-{op}", city),
            2 => Uphold(full ? null : fen, $"op-{op}", city),
            _ => Reject($"op-{op}", city),
        };

    private static readonly Gen<DisputeFacts> AnyFacts =
        from refunded in Gen.Long[0, 4_200]
        from verified in Gen.Bool
        select Facts(Charge(refunded: refunded), verified ? Verified : Broken);

    [Fact]
    public void A_case_never_leaves_its_rails()
    {
        Gen.Select(Gen.Select(Commands, AnyFacts).Array[1, 30], Gen.Int[0, 10]).Sample((steps, _) =>
        {
            var state = Given();
            foreach (var (command, facts) in steps)
            {
                var before = state.Status;
                if (When(state, command, facts) is not DisputeDecision.Append append)
                {
                    continue;
                }

                state = DisputeEvolver.Evolve(state, append.Event);
                Assert.Contains((before, state.Status), Allowed);
                if (append.Event is DisputeUpheld upheld)
                {
                    Assert.True(facts.Stream!.Verified);
                    Assert.True(upheld.Amount.IsPositive && upheld.Amount <= facts.Charge!.Refundable, $"refund {upheld.Amount} of {facts.Charge!.Refundable}");
                }

                if (append.Event is DisputeUpheld or DisputeRejected or DisputeReviewStarted)
                {
                    Assert.Equal(City.LZ, append.Event switch { DisputeUpheld u => u.By, DisputeRejected r => r.By, DisputeReviewStarted v => v.By, _ => default });
                }
            }

            Assert.True(state.Steps.Count(s => s.EventType is "dispute_upheld.v1" or "dispute_rejected.v1") <= 1);
        }, iter: 3_000);
    }

    private static readonly HashSet<(DisputeStatus, DisputeStatus)> Allowed =
    [
        (DisputeStatus.NotOpened, DisputeStatus.Open),
        (DisputeStatus.Open, DisputeStatus.UnderReview),
        (DisputeStatus.UnderReview, DisputeStatus.Upheld),
        (DisputeStatus.UnderReview, DisputeStatus.Rejected),
    ];
}
