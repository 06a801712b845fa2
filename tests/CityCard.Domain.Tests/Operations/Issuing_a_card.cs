using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Issuing_a_card
{
    [Fact]
    public void Issuing_a_new_number_records_the_product_and_deposit()
    {
        var after = Given()
            .When(Issue("issue-1", City.ZG, ProductCode.Student, Yuan(20)))
            .ThenAppends(new CardIssued("issue-1", Clock.Now, Numbers.Zigong, City.ZG, ProductCode.Student, Yuan(20)));

        Assert.Equal(CardStatus.Active, after.Status);
        Assert.Equal(ProductCode.Student, after.Product);
        after.HasBalanceAndDeposit(Money.Zero, Yuan(20));
        Assert.Equal(1, after.Version);
    }

    [Fact]
    public void The_deposit_is_the_one_the_issuers_policy_sets_for_the_product()
    {
        // policies/zg.json: a standard card takes 20.00, a senior card 25.00.
        Given()
            .When(Issue(product: ProductCode.Senior, deposit: Yuan(25)))
            .ThenAppends(new CardIssued("issue-1", Clock.Now, Numbers.Zigong, City.ZG, ProductCode.Senior, Yuan(25)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_999L)]
    [InlineData(2_001L)]
    [InlineData(50_000L)]
    public void Any_other_deposit_is_refused(long depositFen)
    {
        Given()
            .When(Issue(deposit: Fen(depositFen)))
            .ThenRejects(RejectionCode.DepositOutOfRange);
    }

    [Fact]
    public void Each_city_issues_its_own_numbers()
    {
        GivenCard(Numbers.Luzhou)
            .When(Issue(city: City.LZ, product: ProductCode.Senior))
            .ThenAppends(new CardIssued("issue-1", Clock.Now, Numbers.Luzhou, City.LZ, ProductCode.Senior, Yuan(20)));
    }

    [Fact]
    public void Issuing_an_issued_card_again_under_a_new_id_is_refused()
    {
        Given(Issued())
            .When(Issue("issue-2"))
            .ThenRejects(RejectionCode.CardAlreadyIssued);
    }

    [Fact]
    public void A_number_claimed_as_a_replacement_cannot_be_issued()
    {
        GivenCard(Numbers.ZigongReplacement, Claimed())
            .When(Issue("issue-9"))
            .ThenRejects(RejectionCode.CardAlreadyIssued);
    }
}
