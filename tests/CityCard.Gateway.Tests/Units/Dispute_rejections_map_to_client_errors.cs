using CityCard.Contracts;
using CityCard.Gateway.Disputes;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Tests.Units;

public sealed class Dispute_rejections_map_to_client_errors
{
    [Fact]
    public void Every_dispute_refusal_is_a_4xx_and_a_name_shared_with_the_cards_keeps_its_status()
    {
        Assert.All(Enum.GetValues<DisputeRejection>(), code => Assert.InRange(DisputeRejectionStatus.For(code), 400, 499));
        foreach (var code in Enum.GetValues<DisputeRejection>())
        {
            if (Enum.TryParse<RejectionCode>(code.ToString(), out var card))
            {
                Assert.True(RejectionStatus.For(card) == DisputeRejectionStatus.For(code), $"{code}: {RejectionStatus.For(card)} for a card, {DisputeRejectionStatus.For(code)} for a case");
            }
        }
    }

    [Theory]
    [InlineData(DisputeRejection.InvalidCaseId, 400)]
    [InlineData(DisputeRejection.NotChargeAcquirer, 403)]
    [InlineData(DisputeRejection.CaseNotFound, 404)]
    [InlineData(DisputeRejection.StreamNotVerified, 409)]
    [InlineData(DisputeRejection.CaseDecided, 409)]
    [InlineData(DisputeRejection.DeadlinePassed, 422)]
    public void Shape_is_400_who_is_403_absence_is_404_state_is_409_rules_are_422(DisputeRejection code, int status)
    {
        Assert.Equal(status, DisputeRejectionStatus.For(code));
    }
}
