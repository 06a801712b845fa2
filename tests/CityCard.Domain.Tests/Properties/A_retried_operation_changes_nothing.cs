namespace CityCard.Domain.Tests.Properties;

public sealed class A_retried_operation_changes_nothing
{
    [Fact]
    public void Resending_a_recorded_request_is_a_replay_that_appends_nothing()
    {
        Sequences.EveryStep(step =>
        {
            if (step.IsRetryOfRecorded)
            {
                Assert.IsType<CardDecision.Replay>(step.Decision);
                Assert.Empty(step.Appended);
                Assert.Same(step.Before, step.After);
            }
        });
    }

    [Fact]
    public void Nothing_but_an_append_changes_the_state()
    {
        Sequences.EveryStep(step =>
        {
            if (step.Decision is not CardDecision.Append)
            {
                Assert.Same(step.Before, step.After);
            }
        });
    }
}
