using CityCard.Contracts;
using CityCard.Gateway.Clearing;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Tests.Units;

public sealed class Clearing_rejections_map_to_client_errors
{
    [Theory]
    [InlineData(ClearingRejection.InvalidOperationId, 400)]
    [InlineData(ClearingRejection.InvalidBankReference, 400)]
    [InlineData(ClearingRejection.InvalidReason, 400)]
    [InlineData(ClearingRejection.WindowInFuture, 422)]
    [InlineData(ClearingRejection.UnknownWindow, 404)]
    [InlineData(ClearingRejection.CardNotHeld, 404)]
    [InlineData(ClearingRejection.OperationConflict, 409)]
    [InlineData(ClearingRejection.EarlierWindowOpen, 409)]
    [InlineData(ClearingRejection.WindowNotOpen, 409)]
    [InlineData(ClearingRejection.WindowNotClosed, 409)]
    [InlineData(ClearingRejection.WindowAlreadySettled, 409)]
    [InlineData(ClearingRejection.WindowAborted, 409)]
    [InlineData(ClearingRejection.ChainStillBroken, 409)]
    public void Shape_is_400_a_day_not_begun_is_422_absence_is_404_state_is_409(ClearingRejection code, int status)
    {
        Assert.Equal(status, ClearingRejectionStatus.For(code));
    }

    [Fact]
    public void Every_clearing_code_has_a_row_above()
    {
        // The theory's rows, counted: a new code must be given its status in the table and a row here.
        Assert.Equal(13, Enum.GetValues<ClearingRejection>().Length);
        Assert.All(Enum.GetValues<ClearingRejection>(), code => Assert.InRange(ClearingRejectionStatus.For(code), 400, 499));
    }

    [Fact]
    public void A_clearing_code_named_as_a_card_code_means_the_same_status_and_no_gateway_code_shares_a_name()
    {
        foreach (var code in Enum.GetValues<ClearingRejection>())
        {
            if (Enum.TryParse<RejectionCode>(code.ToString(), out var card))
            {
                Assert.Equal(RejectionStatus.For(card), ClearingRejectionStatus.For(code));
            }
        }

        Assert.Empty(ProblemCodes.Catalog.Select(c => c.Code).Intersect(Enum.GetNames<ClearingRejection>()));
    }
}
