namespace CityCard.Domain.Tests.Values;

public sealed class Product_codes
{
    [Theory]
    [InlineData("standard")]
    [InlineData("st")]
    [InlineData("senior-65")]
    [InlineData("a1-")]
    [InlineData("abcdefghijklmnopqrstuvwx")]
    public void A_short_lowercase_code_parses(string text)
    {
        Assert.True(ProductCode.TryParse(text, out var code));
        Assert.Equal(text, code.Value);
        Assert.Equal(text, code.ToString());
        Assert.Equal(code, ProductCode.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    [InlineData("Standard")]
    [InlineData("STUDENT")]
    [InlineData("1senior")]
    [InlineData("-senior")]
    [InlineData("senior_65")]
    [InlineData("senior 65")]
    [InlineData("sénior")]
    [InlineData("学生")]
    public void Anything_else_is_not_a_product_code(string? text)
    {
        Assert.False(ProductCode.TryParse(text, out var code));
        Assert.Equal(default, code);
    }

    [Fact]
    public void Parse_refuses_what_TryParse_refuses()
    {
        Assert.Throws<FormatException>(() => ProductCode.Parse("Gold"));
    }

    [Fact]
    public void The_three_common_products_are_valid_codes_and_sold_in_every_city()
    {
        foreach (var product in new[] { ProductCode.Standard, ProductCode.Student, ProductCode.Senior })
        {
            Assert.Equal(product, ProductCode.Parse(product.Value));
            foreach (var city in Cities.All)
            {
                var terms = TestPolicies.Default.ProductAt(city, product, Clock.Now);
                Assert.NotNull(terms);
                Assert.True(terms.BalanceCeiling.IsPositive && terms.BalanceCeiling <= CardLimits.DefaultBalanceCeiling);
            }
        }
    }
}
