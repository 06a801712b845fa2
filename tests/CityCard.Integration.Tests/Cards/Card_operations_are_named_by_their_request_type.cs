using CityCard.Contracts;
using CityCard.Grains.Cards;

namespace CityCard.Integration.Tests.Cards;

/// <summary>
/// The card's one command entry names each operation from its request's type, for spans and metrics: the names
/// operations staff already filter on stay what they were when each operation had a grain method of its own.
/// </summary>
public sealed class Card_operations_are_named_by_their_request_type
{
    private static readonly CardNumber Card = CardNumber.Create(City.ZG, 7);

    public static TheoryData<CardRequest, string> Names => new()
    {
        { new IssueCardRequest("o", City.ZG, ProductCode.Standard, Money.FromYuan(20)), "issue" },
        { new TopUpRequest("o", Money.FromYuan(5), City.LZ, TopUpChannel.Kiosk), "top-up" },
        { ChargeRequest.ForPurchase("o", Money.FromFen(100), City.YB, "YB-SHOP", Category.Retail, "T1", 1, DateTimeOffset.UnixEpoch), "charge" },
        { new ReverseChargeRequest("o", "c", Money.FromFen(1), "r"), "reverse-charge" },
        { new RefundChargeRequest("o", "c", Money.FromFen(1), "case", "r"), "refund-charge" },
        { new BlockCardRequest("o", BlockReason.Lost), "block" },
        { new UnblockCardRequest("o"), "unblock" },
        { new ReplaceCardRequest("o", Card), "replace" },
        { new CloseCardRequest("o"), "close" },
        { new ClaimReplacementRequest("o", Card, ProductCode.Standard), "claim-replacement" },
        { new ReceiveReplacementFundsRequest("o", Card, Money.Zero, Money.Zero), "receive-replacement-funds" },
        { new SellPassRequest("o", City.ZG, "standard", null), "sell-pass" },
        { new RefundPassRequest("o", "p"), "refund-pass" },
        { new ApportionPassesRequest("o"), "apportion-passes" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_request_keeps_the_operation_name_staff_filter_on(CardRequest request, string name)
    {
        Assert.Equal(name, CardOperationNames.Of(request));
    }

    [Fact]
    public void A_charge_is_tagged_with_its_city_and_category_and_a_block_with_neither()
    {
        Assert.Equal((City.YB, Category.Retail), CardOperationNames.Where(ChargeRequest.ForPurchase("o", Money.FromFen(1), City.YB, "M", Category.Retail, "T", 1, DateTimeOffset.UnixEpoch)));
        Assert.Equal((null, null), CardOperationNames.Where(new BlockCardRequest("o", BlockReason.Lost)));
    }
}
