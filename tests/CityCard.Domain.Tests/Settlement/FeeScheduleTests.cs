using CityCard.Contracts;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Tests.Settlement;

public sealed class FeeScheduleTests
{
    [Theory]
    [InlineData(300, 50, 2)] // 1.5 fen: half rounds away from zero
    [InlineData(299, 50, 1)] // 1.495
    [InlineData(430, 50, 2)] // 2.15
    [InlineData(3000, 50, 15)]
    [InlineData(1250, 80, 10)]
    [InlineData(100, 30, 0)] // 0.3
    [InlineData(-300, 50, -2)] // more reversed than charged: the fee comes back, rounded the same way
    [InlineData(0, 1000, 0)]
    [InlineData(99_999_999_00, 1000, 9_999_999_90)]
    public void A_fee_is_the_gross_times_the_rate_rounded_half_away_from_zero(long grossFen, int bps, long feeFen) =>
        Assert.Equal(feeFen, FeeSchedule.Apply(Money.FromFen(grossFen), bps).Fen);

    [Fact]
    public void Rates_come_per_category_with_a_default()
    {
        Assert.Equal(50, FeeSchedule.Default.RateOf(Category.Bus));
        Assert.Equal(0, FeeSchedule.Default.RateOf(Category.Health));
        Assert.Equal(80, FeeSchedule.Default.RateOf(Category.Cinema));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_rate_outside_zero_to_ten_percent_is_refused(int bps) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeeSchedule(new Dictionary<Category, int> { [Category.Bus] = bps }, 0));
}
