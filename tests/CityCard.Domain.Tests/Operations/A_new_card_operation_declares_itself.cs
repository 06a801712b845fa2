using CityCard.Domain.Ledger;

namespace CityCard.Domain.Tests.Operations;

/// <summary>
/// What a new card operation declares on its own request and event instead of a line in a shared switch (decision
/// 0081): the parts of its fingerprint, and, for an event that moves no money, that it moves none. The types below
/// are the worked example of docs/design/architecture.md, "suspend a card for a holiday", defined here only.
/// </summary>
public sealed class A_new_card_operation_declares_itself
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Until = new(2027, 2, 20);

    [Fact]
    public void A_request_and_the_event_recording_it_digest_alike_from_the_parts_they_declare()
    {
        var request = new SuspendForHolidayRequest("op-1", Until);
        var recorded = new SuspendedForHoliday("op-1", At, Until);

        Assert.Equal(OperationFingerprint.Of(request), OperationFingerprint.Of(recorded));
    }

    [Fact]
    public void A_retry_asking_for_something_else_has_another_fingerprint()
    {
        Assert.NotEqual(
            OperationFingerprint.Of(new SuspendForHolidayRequest("op-1", Until)),
            OperationFingerprint.Of(new SuspendForHolidayRequest("op-1", Until.AddDays(1))));
    }

    [Fact]
    public void The_operations_listed_before_keep_their_digests()
    {
        // Stored in the operations registry: a retry of an old operation must still match what was stored.
        Assert.Equal(OperationFingerprint.Of(new UnblockCardRequest("op-1")), OperationFingerprint.Of(new CardUnblocked("op-1", At)));
        Assert.Null(new UnblockCardRequest("op-1").CanonicalForm());
    }

    [Fact]
    public void A_request_that_declares_nothing_and_is_not_listed_is_refused_loudly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OperationFingerprint.Of(new UndeclaredRequest("op-1")));
    }

    [Fact]
    public void An_event_that_declares_it_moves_no_money_changes_no_balance_and_posts_nothing()
    {
        var suspended = new SuspendedForHoliday("op-1", At, Until);
        var card = CardNumber.Create(City.ZG, 1);

        Assert.Equal(default, CardMoney.Of(suspended));
        Assert.Empty(PostingRules.For(card, suspended));
    }

    [Fact]
    public void Every_event_of_the_card_that_moves_no_money_declares_it()
    {
        var declared = CardEventTypes.Names.Keys.Where(t => t.IsAssignableTo(typeof(IMovesNoMoney))).Select(t => t.Name).Order();

        Assert.Equal(
            [nameof(CardBlocked), nameof(CardUnblocked), nameof(ChargeRefused), nameof(PassesCarriedOver), nameof(ReplacementCardClaimed)],
            declared);
    }

    private sealed record SuspendForHolidayRequest(string OperationId, DateOnly Until) : CardRequest(OperationId)
    {
        public override object?[] CanonicalForm() => ["suspend-for-holiday", Until];
    }

    private sealed record SuspendedForHoliday(string OperationId, DateTimeOffset RecordedAt, DateOnly Until)
        : CardEvent(OperationId, RecordedAt), IStartsOperation, IMovesNoMoney
    {
        public object?[] CanonicalForm() => ["suspend-for-holiday", Until];
    }

    private sealed record UndeclaredRequest(string OperationId) : CardRequest(OperationId);
}
