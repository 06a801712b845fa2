namespace CityCard.Domain.Tests.Properties;

public sealed class The_version_counts_the_events_folded
{
    [Fact]
    public void After_every_step_the_version_is_the_number_of_events()
    {
        Sequences.EveryStep(step => Assert.Equal(step.History.Count, step.After.Version));
    }

    [Fact]
    public void A_charge_is_reversed_at_most_once_and_never_by_more_than_it_took()
    {
        Sequences.EveryStep(step =>
        {
            var charged = step.History.OfType<CardCharged>().ToDictionary(c => c.OperationId, c => c.Amount);
            foreach (var reversals in step.History.OfType<ChargeReversed>().GroupBy(r => r.ChargeOperationId))
            {
                var only = Assert.Single(reversals);
                Assert.True(only.Amount <= charged[reversals.Key]);
            }
        });
    }
}
