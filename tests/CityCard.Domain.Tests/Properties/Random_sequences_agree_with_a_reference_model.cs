namespace CityCard.Domain.Tests.Properties;

public sealed class Random_sequences_agree_with_a_reference_model
{
    [Fact]
    public void Every_decision_is_the_one_the_model_predicts()
    {
        // The runner itself compares each decision, and the folded balance, deposit and status, with CardModel.
        Sequences.EveryStep(_ => { });
    }
}
