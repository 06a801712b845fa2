using CityCard.Domain.Passes;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// Selling a pass: paid from the card's balance at its product's price under the version in force when the pass
/// starts; the money belongs to the pass's issuer (the defining city, or the card's city for a regional pass). Every
/// refusal is named and records nothing.
/// </summary>
public sealed class Selling_a_pass
{
    [Fact]
    public void A_monthly_pass_is_sold_for_its_month_at_the_cards_product_price_and_its_city_holds_the_money()
    {
        var pass = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", cardProduct: "student", month: "2027-01-15", passId: "P1");

        Assert.Equal(("P1", City.ZG, 3000L, "ZG@2027-01-01"), (pass.PassId, pass.Issuer, pass.Price.Fen, pass.Terms.Policy));
        Assert.Equal((At("2027-01-03 10:00"), At("2027-01-01 00:00")), (pass.SoldAt, pass.ValidFrom));
        Assert.Equal(ProductCode.Student, pass.CardProduct);
    }

    [Fact]
    public void Januarys_pass_can_be_bought_in_December_under_the_version_in_force_on_January_1()
    {
        var pass = Sold(City.ZG, "zg-monthly", "2026-12-20 10:00", month: "2027-01-01");

        Assert.Equal(("ZG@2027-01-01", 6000L), (pass.Terms.Policy, pass.Price.Fen));
    }

    [Fact]
    public void A_card_of_another_city_buys_a_citys_pass_at_the_standard_price_and_that_city_holds_the_money_a_regional_pass_its_own_city()
    {
        var lzMonthly = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", issuer: City.LZ, month: "2027-01-01");
        var regional = Sold(null, "regional-bus-30", "2027-01-03 10:00", issuer: City.LZ, cardProduct: "student");

        Assert.Equal((City.ZG, 6000L), (lzMonthly.Issuer, lzMonthly.Price.Fen));
        Assert.Equal((City.LZ, 9000L, "region@2027-01-01"), (regional.Issuer, regional.Price.Fen, regional.Terms.Policy));
        Assert.Equal(At("2027-01-03 10:00"), regional.ValidFrom);
    }

    public static TheoryData<string, PassRejection> Refusals => new()
    {
        { "December's pass (no version sells one)", PassRejection.UnknownPassProduct },
        { "a pass the city does not sell", PassRejection.UnknownPassProduct },
        { "a month two ahead", PassRejection.InvalidPassStart },
        { "a monthly pass with no month", PassRejection.InvalidPassStart },
        { "a regional pass with a month", PassRejection.InvalidPassStart },
        { "a concession price to another city's card", PassRejection.PassNotForProduct },
        { "a product with no price", PassRejection.PassNotForProduct },
        { "the same month twice", PassRejection.PassAlreadyHeld },
        { "a second regional pass while one waits for its first ride", PassRejection.PassAlreadyHeld },
        { "more than a balance holds", PassRejection.InsufficientBalance },
        { "a thirteenth pass", PassRejection.TooManyPasses },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Every_refusal_is_named(string what, PassRejection code)
    {
        var january = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01");
        var waiting = Sold(null, "regional-bus-30", "2027-01-03 10:00");
        var decision = what switch
        {
            "December's pass (no version sells one)" => Sell(City.ZG, "zg-monthly", "2026-12-03 10:00", month: "2026-12-01"),
            "a pass the city does not sell" => Sell(City.ZG, "zg-weekly", "2027-01-03 10:00"),
            "a month two ahead" => Sell(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-03-01"),
            "a monthly pass with no month" => Sell(City.ZG, "zg-monthly", "2027-01-03 10:00"),
            "a regional pass with a month" => Sell(null, "regional-bus-30", "2027-01-03 10:00", month: "2027-01-01"),
            "a concession price to another city's card" => Sell(City.ZG, "zg-monthly", "2027-01-03 10:00", issuer: City.LZ, cardProduct: "student", month: "2027-01-01"),
            "a product with no price" => Sell(City.ZG, "zg-monthly", "2027-01-03 10:00", cardProduct: "employee", month: "2027-01-01"),
            "the same month twice" => Sell(City.ZG, "zg-monthly", "2027-01-20 10:00", month: "2027-01-31", held: PassBook.Empty.Sold(january)),
            "a second regional pass while one waits for its first ride" => Sell(null, "regional-bus-30", "2027-01-04 10:00", held: PassBook.Empty.Sold(waiting)),
            "more than a balance holds" => Sell(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01", balance: 5999),
            _ => Sell(null, "regional-bus-30", "2027-01-04 10:00", held: Twelve(waiting)),
        };

        var refused = Assert.IsType<PassDecision<HeldPass>.Refused>(decision);
        Assert.Equal(code, refused.Code);
        Assert.False(string.IsNullOrWhiteSpace(refused.Detail));
    }

    [Fact]
    public void The_next_month_and_the_next_regional_pass_once_the_first_has_started_are_sold()
    {
        var january = Sold(City.ZG, "zg-monthly", "2027-01-03 10:00", month: "2027-01-01");
        var started = Sold(null, "regional-bus-30", "2027-01-03 10:00").Used(At("2027-01-05 08:00"), countsAsEntry: false);
        var held = PassBook.Empty.Sold(january).Sold(started);

        Assert.IsType<PassDecision<HeldPass>.Accepted>(Sell(City.ZG, "zg-monthly", "2027-01-20 10:00", month: "2027-02-01", held: held));
        Assert.IsType<PassDecision<HeldPass>.Accepted>(Sell(null, "regional-bus-30", "2027-01-20 10:00", held: held));
        Assert.IsType<PassDecision<HeldPass>.Accepted>(Sell(City.ZG, "zg-monthly", "2027-01-20 10:00", month: "2027-01-01", held: PassBook.Empty.Sold(january with { RefundedAt = At("2027-01-10 10:00") })));
    }

    private static PassBook Twelve(HeldPass pass) =>
        Enumerable.Range(0, PassLimits.MaxHeldPasses).Aggregate(PassBook.Empty, (book, i) => book.Sold(pass.Used(At("2027-01-04 08:00"), false) with { PassId = $"R{i}" }));
}
