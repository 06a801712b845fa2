using CityCard.Contracts;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Tests.Units;

public sealed class Rejections_map_to_client_errors
{
    [Fact]
    public void Every_rejection_code_is_a_4xx()
    {
        Assert.All(Enum.GetValues<RejectionCode>(), code => Assert.InRange(RejectionStatus.For(code), 400, 499));
    }

    [Theory]
    [InlineData(RejectionCode.MalformedCardNumber, 400)]
    [InlineData(RejectionCode.UnknownCategory, 400)]
    [InlineData(RejectionCode.AmountNotPositive, 422)]
    [InlineData(RejectionCode.TapTimeInFuture, 422)]
    [InlineData(RejectionCode.IssuerMismatch, 422)]
    [InlineData(RejectionCode.CardNotIssued, 404)]
    [InlineData(RejectionCode.ChargeNotFound, 404)]
    [InlineData(RejectionCode.OperationConflict, 409)]
    [InlineData(RejectionCode.CardBlocked, 409)]
    [InlineData(RejectionCode.BalanceCeilingExceeded, 409)]
    public void Shape_is_400_rules_are_422_absence_is_404_state_is_409(RejectionCode code, int status)
    {
        Assert.Equal(status, RejectionStatus.For(code));
    }

    [Fact]
    public void Gateway_codes_are_named_once_with_a_4xx_or_5xx()
    {
        Assert.Equal(ProblemCodes.Catalog.Count, ProblemCodes.Catalog.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProblemCodes.Catalog, c => Assert.InRange(c.Status, 400, 599));
        Assert.Empty(ProblemCodes.Catalog.Select(c => c.Code).Intersect(Enum.GetNames<RejectionCode>()));
    }

    [Fact]
    public void Titles_read_as_words()
    {
        Assert.Equal("Card blocked", Problems.Title("CardBlocked"));
        Assert.Equal("Missing idempotency key", Problems.Title("MissingIdempotencyKey"));
    }
}
