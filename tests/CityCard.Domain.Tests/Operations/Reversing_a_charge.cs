using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Operations;

public sealed class Reversing_a_charge
{
    [Fact]
    public void A_full_reversal_gives_back_the_whole_charge()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"))
            .When(Reverse("reverse-1", "charge-1", Yuan(2), "Double tap at the gate"))
            .ThenAppends(new ChargeReversed("reverse-1", Clock.Now, "charge-1", Yuan(2), City.LZ, Category.Retail, Requests.MerchantId, "Double tap at the gate"));

        after.HasBalanceAndDeposit(Yuan(10), Yuan(20));
        Assert.True(after.Charges.TryGet("charge-1", out var charge));
        Assert.Equal(Yuan(2), charge.Reversed);
        Assert.Equal(Money.Zero, charge.Reversible);
    }

    [Fact]
    public void A_partial_reversal_gives_back_part_of_the_charge()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"))
            .When(Reverse("reverse-1", "charge-1", Fen(50), "Concession fare"))
            .ThenAppends(new ChargeReversed("reverse-1", Clock.Now, "charge-1", Fen(50), City.LZ, Category.Retail, Requests.MerchantId, "Concession fare"));

        after.HasBalanceAndDeposit(Yuan(8) + Fen(50), Yuan(20));
        Assert.True(after.Charges.TryGet("charge-1", out var charge));
        Assert.Equal(Fen(150), charge.Reversible);
    }

    [Fact]
    public void A_charge_is_reversed_at_most_once_even_when_only_partly()
    {
        Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"), Reversed(Fen(50), "charge-1"))
            .When(Reverse("reverse-2", "charge-1", Fen(50)))
            .ThenRejects(RejectionCode.ChargeAlreadyReversed);
    }

    [Fact]
    public void A_blocked_card_may_still_be_credited_a_reversal()
    {
        var after = Given(Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2), "charge-1"), Blocked())
            .When(Reverse())
            .ThenAppends(new ChargeReversed("reverse-1", Clock.Now, "charge-1", Yuan(2), City.LZ, Category.Retail, Requests.MerchantId, "Double tap at the gate"));

        Assert.Equal(CardStatus.Blocked, after.Status);
        Assert.Equal(Yuan(10), after.Balance);
    }

    [Fact]
    public void A_reversal_is_not_held_to_the_balance_ceiling()
    {
        // The rule the decider implements: only top-ups are checked against the ceiling; a reversal gives back money
        // that was the holder's, even if the card was topped up to the ceiling in between.
        var ceiling = CardLimits.DefaultBalanceCeiling;

        var after = Given(Issued(), ToppedUp(ceiling), Charged(Yuan(2), "charge-1"), ToppedUp(Yuan(2), "top-up-2"))
            .When(Reverse(amount: Yuan(2)))
            .ThenAppends(new ChargeReversed("reverse-1", Clock.Now, "charge-1", Yuan(2), City.LZ, Category.Retail, Requests.MerchantId, "Double tap at the gate"));

        Assert.Equal(ceiling + Yuan(2), after.Balance);
    }
}
