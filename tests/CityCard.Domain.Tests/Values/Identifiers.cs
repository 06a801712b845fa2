using System.Text.Json;

namespace CityCard.Domain.Tests.Values;

/// <summary>The id types: one parse each, one character set, their limits, and JSON as the plain string it always was.</summary>
public sealed class Identifiers
{
    public static TheoryData<string, int> Limits() => new()
    {
        { nameof(OperationId), 64 },
        { nameof(TerminalId), 32 },
        { nameof(MerchantId), 32 },
        { nameof(RouteId), 32 },
        { nameof(StationId), 32 },
    };

    private static bool TryParse(string type, string? text, out string? value)
    {
        (var ok, value) = type switch
        {
            nameof(OperationId) => (OperationId.TryParse(text, out var id), id.Value),
            nameof(TerminalId) => (TerminalId.TryParse(text, out var id), id.Value),
            nameof(MerchantId) => (MerchantId.TryParse(text, out var id), id.Value),
            nameof(RouteId) => (RouteId.TryParse(text, out var id), id.Value),
            nameof(StationId) => (StationId.TryParse(text, out var id), id.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        return ok;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void An_id_is_1_to_its_limit_of_the_identifier_characters(string type, int limit)
    {
        Assert.True(TryParse(type, "LZ:tap.T-1_7", out var value));
        Assert.Equal("LZ:tap.T-1_7", value);
        Assert.True(TryParse(type, new string('a', limit), out _));

        foreach (var bad in new[] { null, "", new string('a', limit + 1), "a b", "bus\n42", "２０２６", "é", "a/b", "a,b" })
        {
            Assert.False(TryParse(type, bad, out var none), $"{type} took '{bad}'");
            Assert.Null(none);
        }
    }

    [Fact]
    public void The_character_set_is_ascii_letters_digits_and_four_marks()
    {
        var allowed = Enumerable.Range(0, 0x3000).Select(c => (char)c).Where(Identifier.IsCharacter).ToList();

        Assert.Equal(26 + 26 + 10 + 4, allowed.Count);
        Assert.All(".:_-", c => Assert.Contains(c, allowed));
    }

    [Fact]
    public void In_json_an_id_is_its_plain_string_and_a_bad_one_is_refused()
    {
        Assert.True(TerminalId.TryParse("LZB-0042", out var terminal));

        Assert.Equal("\"LZB-0042\"", JsonSerializer.Serialize(terminal));
        Assert.Equal(terminal, JsonSerializer.Deserialize<TerminalId>("\"LZB-0042\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TerminalId>("\"LZB 0042\""));
        Assert.Equal("{\"Route\":\"LZ-3\"}", JsonSerializer.Serialize(new { Route = RouteId.TryParse("LZ-3", out var r) ? r : default }));
    }
}
