using CsCheck;

namespace CityCard.Domain.Tests.Values;

public sealed class Money_values
{
    [Fact]
    public void Money_adds_subtracts_and_negates_in_fen()
    {
        Assert.Equal(Money.FromFen(1_250), Money.FromYuan(12) + Money.FromFen(50));
        Assert.Equal(Money.FromFen(-50), Money.FromYuan(2) - Money.FromFen(250));
        Assert.Equal(Money.FromFen(-7), -Money.FromFen(7));
        Assert.Equal(Money.FromFen(1_200), Money.FromYuan(12));
        Assert.Equal(Money.Zero, default);
    }

    [Fact]
    public void Money_compares_by_its_fen()
    {
        var (less, more) = (Money.FromFen(199), Money.FromYuan(2));

        Assert.True(less < more);
        Assert.True(more > less);
        Assert.True(less <= Money.FromFen(199));
        Assert.True(more >= Money.FromFen(200));
        Assert.Equal(less, Money.Min(less, more));
        Assert.Equal(more, Money.Max(less, more));
        Assert.True(less.CompareTo(more) < 0);
        Assert.True(Money.FromFen(1).IsPositive);
        Assert.False(Money.Zero.IsPositive);
        Assert.False(Money.Zero.IsNegative);
        Assert.True(Money.FromFen(-1).IsNegative);
    }

    [Fact]
    public void An_overflow_is_a_fault_never_a_wrap()
    {
        var max = Money.FromFen(long.MaxValue);
        var min = Money.FromFen(long.MinValue);

        Assert.Throws<OverflowException>(() => max + Money.FromFen(1));
        Assert.Throws<OverflowException>(() => min - Money.FromFen(1));
        Assert.Throws<OverflowException>(() => -min);
        Assert.Throws<OverflowException>(() => Money.FromYuan((long.MaxValue / 100) + 1));
    }

    [Theory]
    [InlineData(1_234L, "12.34")]
    [InlineData(-5L, "-0.05")]
    [InlineData(-205L, "-2.05")]
    [InlineData(0L, "0.00")]
    [InlineData(100L, "1.00")]
    [InlineData(7L, "0.07")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void Money_prints_as_yuan_with_two_decimals(long fen, string text)
    {
        Assert.Equal(text, Money.FromFen(fen).ToString());
    }

    [Fact]
    public void The_printed_yuan_are_exactly_the_fen()
    {
        Gen.Long.Sample(fen =>
            Assert.Equal(fen, decimal.Parse(Money.FromFen(fen).ToString(), System.Globalization.CultureInfo.InvariantCulture) * 100m), iter: 5_000);
    }
}
