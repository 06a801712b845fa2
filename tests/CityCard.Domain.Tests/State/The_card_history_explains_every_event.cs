using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;

namespace CityCard.Domain.Tests.State;

public sealed class The_card_history_explains_every_event
{
    private static readonly DateTimeOffset T1 = Clock.Now.AddHours(-5);
    private static readonly DateTimeOffset T2 = Clock.Now.AddHours(-4);
    private static readonly DateTimeOffset T3 = Clock.Now.AddHours(-3);
    private static readonly DateTimeOffset T4 = Clock.Now.AddHours(-2);
    private static readonly DateTimeOffset T5 = Clock.Now.AddHours(-1);

    private static readonly CardEvent[] Events =
    [
        Issued(at: T1),
        ToppedUp(Yuan(50), "top-up-1", T2),
        Charged(Yuan(2), "charge-1", T3),
        Refused(Yuan(100), RejectionCode.InsufficientBalance, "charge-2", T4),
        Closed(Yuan(48), Yuan(20), "close-1", T5),
    ];

    [Fact]
    public void Each_entry_carries_the_money_moved_and_the_balance_after()
    {
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Events, asOf: null);

        Assert.Equal([Money.Zero, Yuan(50), -Yuan(2), Money.Zero, -Yuan(48)], history.Entries.Select(e => e.Amount));
        Assert.Equal([Money.Zero, Yuan(50), Yuan(48), Yuan(48), Money.Zero], history.Entries.Select(e => e.BalanceAfter));
        Assert.Equal([1L, 2, 3, 4, 5], history.Entries.Select(e => e.Version));
        Assert.Equal(
            [CardStatus.Active, CardStatus.Active, CardStatus.Active, CardStatus.Active, CardStatus.Closed],
            history.Entries.Select(e => e.StatusAfter));
        Assert.Equal(["issue-1", "top-up-1", "charge-1", "charge-2", "close-1"], history.Entries.Select(e => e.OperationId));
        Assert.Equal(Events.Select(CardEventTypes.NameOf), history.Entries.Select(e => e.EventType));
        Assert.All(history.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Summary)));
    }

    [Fact]
    public void A_taps_business_time_is_the_terminals_time()
    {
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Events, asOf: null);

        var charged = (CardCharged)Events[2];
        var refused = (ChargeRefused)Events[3];
        Assert.Equal(
            [null, null, charged.Tap.TappedAt, refused.Tap.TappedAt, null],
            history.Entries.Select(e => e.BusinessTime));
        Assert.NotEqual(charged.RecordedAt, charged.Tap.TappedAt);
        Assert.Equal(Events.Select(e => e.RecordedAt), history.Entries.Select(e => e.RecordedAt));
    }

    [Fact]
    public void As_of_a_moment_the_history_stops_at_what_was_recorded_by_then()
    {
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Events, asOf: T3);

        Assert.Equal(3, history.Entries.Count);
        Assert.Equal(T3, history.AsOf);
        Assert.Equal(Yuan(48), history.State.Balance);
        Assert.Equal(CardStatus.Active, history.State.Status);
        Assert.Equal(3, history.State.Version);
    }

    [Fact]
    public void As_of_a_moment_is_cut_by_recording_time_not_tap_time()
    {
        // The tap happened before T3 but was recorded at T3: as of one tick earlier it is not yet known.
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Events, asOf: T3.AddTicks(-1));

        Assert.Equal(2, history.Entries.Count);
        Assert.Equal(Yuan(50), history.State.Balance);
    }

    [Fact]
    public void As_of_before_the_first_event_the_card_is_not_issued()
    {
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Events, asOf: T1.AddTicks(-1));

        Assert.Empty(history.Entries);
        Assert.Equal(CardStatus.NotIssued, history.State.Status);
    }

    [Fact]
    public void The_final_state_is_the_folded_view()
    {
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Events, asOf: null);

        Assert.Equal(CardEvolver.Fold(CardState.Initial(Numbers.Zigong), Events).ToView(), history.State);
        Assert.Equal(Numbers.Zigong, history.Card);
        Assert.Null(history.AsOf);
    }
}
