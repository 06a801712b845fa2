using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>Bad requests get a named rejection and leave the stream exactly as it was (a refused tap adds only its refusal).</summary>
[Collection(CardClusterCollection.Name)]
public sealed class RejectionTests(CardClusterFixture fixture)
{
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Theory]
    [InlineData("ZG0000000001")]
    [InlineData("ZG00000001")]
    [InlineData("XX0000001237")]
    [InlineData("")]
    [InlineData("ZG 0000 0012 38")]
    public async Task A_malformed_card_number_is_rejected_before_any_grain_or_stream_is_touched(string number)
    {
        var result = await fixture.Cards.TopUpAsync(number, TopUp(1_000));

        Assert.Equal(RejectionCode.MalformedCardNumber, result.Rejection);
        Assert.Null(await fixture.Cards.GetViewAsync(number));
    }

    [Fact]
    public async Task A_grain_addressed_by_a_malformed_key_answers_MalformedCardNumber_and_writes_nothing()
    {
        var result = await fixture.Grain("ZG0000000001").TopUp(TopUp(1_000));

        Assert.Equal(RejectionCode.MalformedCardNumber, result.Rejection);
        Assert.Equal(0, await fixture.StreamVersionAsync("ZG0000000001"));
    }

    [Fact]
    public async Task An_unknown_card_is_rejected_and_no_stream_is_created()
    {
        var card = CardClusterFixture.NewCard();

        Assert.Equal(RejectionCode.CardNotIssued, (await fixture.Cards.TopUpAsync(card, TopUp(1_000))).Rejection);
        Assert.Equal(RejectionCode.CardNotIssued, (await fixture.Cards.ChargeAsync(card, Charge(100, Now))).Rejection);
        Assert.Equal(0, await fixture.StreamVersionAsync(card));
    }

    [Theory]
    [InlineData(0, RejectionCode.AmountNotPositive)]
    [InlineData(-1, RejectionCode.AmountNotPositive)]
    [InlineData(long.MinValue, RejectionCode.AmountNotPositive)]
    [InlineData(100_001, RejectionCode.AmountAboveLimit)]
    [InlineData(long.MaxValue, RejectionCode.AmountAboveLimit)]
    public async Task Amounts_that_are_zero_negative_or_oversized_are_rejected_and_nothing_is_appended(long fen, RejectionCode expected)
    {
        var card = await IssuedCardWithBalance(5_000);

        Assert.Equal(expected, (await fixture.Cards.TopUpAsync(card, TopUp(fen))).Rejection);
        Assert.Equal(expected, (await fixture.Cards.ChargeAsync(card, Charge(fen, Now))).Rejection);
        Assert.Equal(2, await fixture.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_charge_on_a_blocked_card_is_refused_and_only_the_refusal_is_recorded()
    {
        var card = await IssuedCardWithBalance(5_000);
        await fixture.Cards.BlockAsync(card, new BlockCardRequest(NewOp("block"), BlockReason.Fraud));

        var refused = await fixture.Cards.ChargeAsync(card, Charge(100, Now));

        Assert.Equal((OperationStatus.Refused, RejectionCode.CardBlocked), (refused.Status, refused.Rejection));
        Assert.Equal(5_000, refused.Balance.Fen);
        var history = (await fixture.Cards.GetHistoryAsync(card))!;
        Assert.Equal("charge_refused.v1", history.Entries[^1].EventType);
        Assert.Equal(4, await fixture.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_charge_on_a_closed_card_is_refused_and_only_the_refusal_is_recorded()
    {
        var card = await IssuedCardWithBalance(5_000);
        await fixture.Cards.CloseAsync(card, new CloseCardRequest(NewOp("close")));

        var refused = await fixture.Cards.ChargeAsync(card, Charge(100, Now));

        Assert.Equal((OperationStatus.Refused, RejectionCode.CardClosed), (refused.Status, refused.Rejection));
        Assert.Equal(4, await fixture.StreamVersionAsync(card));
        Assert.Equal(RejectionCode.CardClosed, (await fixture.Cards.TopUpAsync(card, TopUp(100))).Rejection);
        Assert.Equal(4, await fixture.StreamVersionAsync(card));
    }

    [Fact]
    public async Task A_charge_beyond_the_balance_is_refused_and_recorded()
    {
        var card = await IssuedCardWithBalance(150);

        var refused = await fixture.Cards.ChargeAsync(card, Charge(151, Now));

        Assert.Equal(RejectionCode.InsufficientBalance, refused.Rejection);
        Assert.Equal(150, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
    }

    [Fact]
    public async Task A_top_up_past_the_balance_ceiling_is_rejected()
    {
        var card = await IssuedCardWithBalance(99_000);

        Assert.Equal(RejectionCode.BalanceCeilingExceeded, (await fixture.Cards.TopUpAsync(card, TopUp(1_001))).Rejection);
        Assert.Equal(2, await fixture.StreamVersionAsync(card));
    }

    [Fact]
    public async Task Tap_times_in_the_future_or_long_past_are_rejected()
    {
        var card = await IssuedCardWithBalance(5_000);

        Assert.Equal(RejectionCode.TapTimeInFuture, (await fixture.Cards.ChargeAsync(card, Charge(100, Now.AddHours(1)))).Rejection);
        Assert.Equal(RejectionCode.TapTooOld, (await fixture.Cards.ChargeAsync(card, Charge(100, Now.AddYears(-2)))).Rejection);
        Assert.Equal(2, await fixture.StreamVersionAsync(card));
    }

    /// <summary>
    /// A tap from before the card existed (a terminal's clock far behind, or a forgery) is a refused tap on record, with
    /// the fare it would have cost; it never moves money, and its retry answers the same refusal.
    /// </summary>
    [Fact]
    public async Task A_tap_dated_before_the_card_was_issued_is_refused_recorded_and_never_charged()
    {
        var card = await IssuedCardWithBalance(5_000);
        var hourBefore = Charge(300, Now.AddHours(-1));

        var ride = await fixture.Cards.ChargeAsync(card, Ride(City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), Now.AddDays(-1)));
        var purchase = await fixture.Cards.ChargeAsync(card, hourBefore);
        var retry = await fixture.Cards.ChargeAsync(card, hourBefore);
        var justAfter = await fixture.Cards.ChargeAsync(card, Charge(300, Now.AddMinutes(1)));

        Assert.All(new[] { ride, purchase }, r => Assert.Equal((OperationStatus.Refused, RejectionCode.TapBeforeIssue, 5_000L), (r.Status, r.Rejection, r.Balance.Fen)));
        Assert.Equal((OperationStatus.Refused, RejectionCode.TapBeforeIssue, true), (retry.Status, retry.Rejection, retry.IsReplay));
        Assert.Equal((OperationStatus.Accepted, 4_700L), (justAfter.Status, justAfter.Balance.Fen));
        var history = (await fixture.Cards.GetHistoryAsync(card))!;
        var refusals = history.Entries.Where(e => e.Refusal == RejectionCode.TapBeforeIssue).ToList();
        Assert.Equal(["charge_refused.v1", "charge_refused.v1"], refusals.Select(e => e.EventType));
        Assert.All(refusals, e => Assert.Equal(Money.Zero, e.Amount));
        Assert.Equal(5, await fixture.StreamVersionAsync(card));
    }

    private async Task<string> IssuedCardWithBalance(long fen)
    {
        var card = CardClusterFixture.NewCard(City.LZ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(fen));
        return card;
    }
}
