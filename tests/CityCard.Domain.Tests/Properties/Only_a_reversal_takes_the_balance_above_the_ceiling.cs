namespace CityCard.Domain.Tests.Properties;

/// <summary>
/// The rule the decider implements: a top-up is refused if it would leave the balance above the product's ceiling;
/// nothing else is held to the ceiling. Of the operations that add money in a sequence, only a reversal can
/// therefore lift the balance above it (it gives back money that was the holder's before).
/// </summary>
public sealed class Only_a_reversal_takes_the_balance_above_the_ceiling
{
    [Fact]
    public void A_step_that_lifts_the_balance_above_the_ceiling_is_a_reversal()
    {
        Sequences.EveryStep(step =>
        {
            if (step.After.Balance > step.Ceiling && step.After.Balance > step.Before.Balance)
            {
                Assert.IsType<ChargeReversed>(Assert.Single(step.Appended));
            }
        });
    }

    [Fact]
    public void A_top_up_never_leaves_the_balance_above_the_ceiling()
    {
        Sequences.EveryStep(step =>
        {
            if (step.Appended is [CardToppedUp])
            {
                Assert.True(step.After.Balance <= step.Ceiling, $"{step.After.Balance} > {step.Ceiling}");
            }

            if (step.Decision is CardDecision.Reject { Code: RejectionCode.BalanceCeilingExceeded })
            {
                var topUp = Assert.IsType<TopUpRequest>(step.Request);
                Assert.True(step.Before.Balance + topUp.Amount > step.Ceiling);
            }
        });
    }

    [Fact]
    public void The_balance_exceeds_the_ceiling_by_no_more_than_was_reversed()
    {
        Sequences.EveryStep(step =>
        {
            var reversed = step.History.OfType<ChargeReversed>().Aggregate(Money.Zero, (sum, r) => sum + r.Amount);
            Assert.True(step.After.Balance <= step.Ceiling + reversed, $"{step.After.Balance} > {step.Ceiling} + {reversed}");
        });
    }
}
