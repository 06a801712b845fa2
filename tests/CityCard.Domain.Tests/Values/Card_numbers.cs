using CsCheck;

namespace CityCard.Domain.Tests.Values;

public sealed class Card_numbers
{
    private static readonly Gen<CardNumber> AnyNumber =
        Gen.Select(Gen.OneOfConst(City.ZG, City.LZ, City.NJ, City.YB), Gen.Long[0, 999_999_999], CardNumber.Create);

    [Theory]
    [InlineData("ZG1234567897")]
    [InlineData("zg1234567897")]
    [InlineData("Zg 123 456 789 7")]
    [InlineData("ZG-123-456-789-7")]
    [InlineData(" zg-1234 5678-97 ")]
    public void A_number_typed_with_spaces_dashes_or_lowercase_parses_to_its_compact_form(string typed)
    {
        Assert.True(CardNumber.TryParse(typed, out var number));
        Assert.Equal("ZG1234567897", number.Value);
        Assert.Equal("ZG1234567897", number.ToString());
        Assert.Equal(City.ZG, number.Issuer);
    }

    [Theory]
    [InlineData(City.ZG, 123_456_789L, "ZG1234567897")]
    [InlineData(City.LZ, 1L, "LZ0000000018")]
    [InlineData(City.NJ, 0L, "NJ0000000000")]
    [InlineData(City.YB, 999_999_999L, "YB9999999999")]
    public void Create_appends_the_Luhn_check_digit_of_the_serial(City city, long serial, string expected)
    {
        Assert.Equal(expected, CardNumber.Create(city, serial).Value);
    }

    [Fact]
    public void Any_created_number_parses_back_to_itself()
    {
        AnyNumber.Sample(number =>
        {
            Assert.True(CardNumber.TryParse(number.Value, out var parsed));
            Assert.Equal(number, parsed);
            Assert.Equal(number, CardNumber.Parse(number.Value.ToLowerInvariant()));
        }, iter: 5_000);
    }

    [Fact]
    public void Any_single_digit_change_of_a_valid_number_is_rejected()
    {
        var gen = Gen.Select(AnyNumber, Gen.Int[2, CardNumber.Length - 1], Gen.Int[1, 9]);

        gen.Sample((number, position, delta) =>
        {
            var chars = number.Value.ToCharArray();
            chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
            var mistyped = new string(chars);

            Assert.False(CardNumber.TryParse(mistyped, out _), $"{mistyped} (from {number}) was accepted");
        }, iter: 5_000);
    }

    [Theory]
    [InlineData("XX1234567897")]
    [InlineData("SH1234567897")]
    [InlineData("Z11234567897")]
    [InlineData("111234567897")]
    [InlineData("自贡1234567897")]
    public void A_number_of_no_city_of_the_region_is_rejected(string text)
    {
        Assert.False(CardNumber.TryParse(text, out _));
    }

    [Theory]
    [InlineData("ZG123456789")]
    [InlineData("ZG12345678970")]
    [InlineData("ZG")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_number_of_the_wrong_length_is_rejected(string? text)
    {
        Assert.False(CardNumber.TryParse(text, out var number));
        Assert.Equal(default, number);
    }

    [Fact]
    public void Text_longer_than_32_characters_is_rejected_even_if_its_digits_are_right()
    {
        var padded = "ZG 1 2 3 4 5 6 7 8 9 7" + new string(' ', 11);
        Assert.Equal(33, padded.Length);

        Assert.False(CardNumber.TryParse(padded, out _));
        Assert.True(CardNumber.TryParse(padded.TrimEnd(), out _));
    }

    [Theory]
    [InlineData("ZG12345678X7")]
    [InlineData("ZG１２３４５６７８９７")]
    [InlineData("ZG123456789_7")]
    [InlineData("ZG\t1234567897")]
    public void A_number_with_anything_but_digits_after_the_city_is_rejected(string text)
    {
        Assert.False(CardNumber.TryParse(text, out _));
    }

    [Fact]
    public void Parse_names_the_text_it_refuses()
    {
        var error = Assert.Throws<FormatException>(() => CardNumber.Parse("ZG1234567890"));
        Assert.Contains("ZG1234567890", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(1_000_000_000L)]
    public void A_serial_has_at_most_nine_digits(long serial)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CardNumber.Create(City.ZG, serial));
    }
}
