using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;

namespace CityCard.Domain.Tests.Support;

/// <summary>
/// The policies every decision in these tests is taken against: the repository's own files (policies/*.json), so a
/// Zigong standard card takes a 20 yuan deposit and may hold 1,000 yuan, as the files say.
/// </summary>
public static class TestPolicies
{
    public static PolicySet Default => RepoPolicies.Set;

    /// <summary>The balance ceiling of the card's product in its issuer's policy in force at <see cref="Clock.Now"/>.</summary>
    public static Money CeilingOf(CardState card) =>
        Default.ProductAt(card.Issuer, card.Product!.Value, Clock.Now)!.BalanceCeiling;
}
