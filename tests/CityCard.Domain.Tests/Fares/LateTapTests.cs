using CityCard.Contracts;
using CityCard.Domain.Cards;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>
/// A tap that arrives after later rides were charged is priced at its own time, among the rides before it; the later
/// rides are priced again, and each change is a fare_adjusted event. The result is the same as if every tap had
/// arrived in order.
/// </summary>
public sealed class LateTapTests
{
    [Fact]
    public void A_late_first_ride_turns_the_already_charged_second_ride_into_a_transfer_and_credits_the_difference()
    {
        var first = Bus(City.ZG, "ZG-1", At("10:00"));
        var second = Bus(City.ZG, "ZG-35", At("10:30"));
        var (card, _) = Run(Card(City.ZG, balanceFen: 1_000), [second]);
        Assert.Equal(700, card.Balance.Fen);

        var decision = Decide(card, first);

        var events = Assert.IsType<CardDecision.Append>(decision).Events;
        var charged = Assert.IsType<CardCharged>(events[0]);
        var adjusted = Assert.IsType<FareAdjusted>(events[1]);
        Assert.Equal(2, events.Count);
        Assert.Equal(200, charged.Amount.Fen);
        Assert.Equal((second.OperationId, 300L, 100L, 200L), (adjusted.ChargeOperationId, adjusted.FareBefore.Fen, adjusted.FareAfter.Fen, adjusted.BalanceChange.Fen));
        Assert.Equal(first.OperationId, adjusted.OperationId);
        Assert.Equal((City.ZG, Category.Bus, second.TappedAt), (adjusted.AcquirerCity, adjusted.Category, adjusted.RideTappedAt));
        Assert.True(adjusted.Fare.IsTransfer);
        Assert.Equal(700 - 200 + 200, CardEvolver.Fold(card, events).Balance.Fen);
    }

    [Fact]
    public void A_late_tap_that_fills_the_daily_cap_earlier_credits_the_later_rides_so_the_day_never_passes_the_cap()
    {
        // Neijiang: 2.50 rural rides, 6.00 a day. Taken 11:00, 12:00, 13:00, 14:00; the 11:00 tap arrives last.
        var rides = new[] { "11:00", "12:00", "13:00", "14:00" }.Select(t => Bus(City.NJ, "NJ-R1", At(t))).ToList();
        var (card, events) = Run(Card(City.NJ), [rides[1], rides[2], rides[3], rides[0]]);

        var fares = FinalFares(events);
        Assert.Equal([250L, 250, 100, 0], rides.Select(r => fares[r.OperationId].Fare.Fen));
        Assert.Equal(600, 1_000_000 - card.Balance.Fen);
        var adjustments = events.OfType<FareAdjusted>().ToList();
        Assert.Equal([(250L, 100L), (100L, 0L)], adjustments.Select(a => (a.FareBefore.Fen, a.FareAfter.Fen)));
    }

    [Fact]
    public void A_late_ride_can_take_over_a_transfer_and_the_later_ride_then_pays_its_full_fare_as_an_explicit_adjustment()
    {
        // Zigong: A 10:00 and C 10:40 were charged (C a transfer, free). B at 10:20 arrives: B is now the transfer, and
        // C follows a transfer so pays in full. The card pays what it would have, had the taps arrived in order.
        var (a, b, c) = (Bus(City.ZG, "ZG-1", At("10:00")), Bus(City.ZG, "ZG-35", At("10:20")), Bus(City.ZG, "ZG-3", At("10:40")));
        var inOrder = FinalFares(Run(Card(City.ZG), [a, b, c]).Events);
        var (_, events) = Run(Card(City.ZG), [a, c, b]);

        var late = FinalFares(events);
        Assert.Equal([200L, 100, 200], new[] { a, b, c }.Select(r => late[r.OperationId].Fare.Fen));
        Assert.Equal(new[] { a, b, c }.Select(r => inOrder[r.OperationId].Fare), new[] { a, b, c }.Select(r => late[r.OperationId].Fare));
        var adjusted = Assert.Single(events.OfType<FareAdjusted>());
        Assert.Equal((c.OperationId, 0L, 200L, -200L), (adjusted.ChargeOperationId, adjusted.FareBefore.Fen, adjusted.FareAfter.Fen, adjusted.BalanceChange.Fen));
    }

    [Fact]
    public void A_ride_the_operator_refunded_is_never_adjusted_again()
    {
        var first = Bus(City.ZG, "ZG-1", At("10:00"));
        var second = Bus(City.ZG, "ZG-35", At("10:30"));
        var (card, _) = Run(Card(City.ZG), [second, new ReverseChargeRequest("refund", second.OperationId, Money.FromFen(300), "Bus broke down")]);

        var events = Assert.IsType<CardDecision.Append>(Decide(card, first)).Events;

        Assert.Single(events);
    }

    [Fact]
    public void A_retried_late_tap_answers_with_the_balance_after_its_adjustments_and_moves_nothing_again()
    {
        var first = Bus(City.ZG, "ZG-1", At("10:00"));
        var (card, _) = Run(Card(City.ZG, balanceFen: 1_000), [Bus(City.ZG, "ZG-35", At("10:30")), first]);

        var replay = Assert.IsType<CardDecision.Replay>(Decide(card, first));

        Assert.Equal((700L, 200L), (replay.First.BalanceAfter.Fen, replay.First.Charged!.Value.Fen));
    }

    [Fact]
    public void A_ride_recorded_in_a_stream_and_read_back_is_the_same_fact_breakdown_included()
    {
        var charged = Charged(Card(City.YB), Rail(City.YB, "YB-GT", "YB-LY", At("10:00")));

        var json = System.Text.Json.JsonSerializer.Serialize(charged);
        var back = System.Text.Json.JsonSerializer.Deserialize<CardCharged>(json)!;

        Assert.Equal(charged, back);
        Assert.Equal(OperationFingerprint.Of(charged), OperationFingerprint.Of(back));
    }

    /// <summary>
    /// A fare adjustment names, in fields of its own in the card's history, the ride it adjusts and the fare before;
    /// its operation id is the late tap's.
    /// </summary>
    [Fact]
    public void The_history_names_the_adjusted_ride_and_its_fare_before_in_fields_of_their_own()
    {
        var first = Bus(City.ZG, "ZG-1", At("10:00"));
        var second = Bus(City.ZG, "ZG-35", At("10:30"));
        var card = Card(City.ZG, balanceFen: 1_000);
        var (_, events) = Run(card, [second, first]);

        var history = CardHistoryBuilder.Build(card.Card, events, asOf: null);

        var adjusted = Assert.Single(history.Entries, e => e.EventType == "fare_adjusted.v1");
        Assert.Equal((first.OperationId, second.OperationId, 300L, 100L, 200L), (adjusted.OperationId, adjusted.ChargeOperationId, adjusted.FareBefore!.Value.Fen, adjusted.Fare!.Charged.Fen, adjusted.Amount.Fen));
        Assert.All(history.Entries.Where(e => e.EventType == "card_charged.v1"), e => Assert.Equal((null, null), (e.ChargeOperationId, e.FareBefore)));
    }

    /// <summary>
    /// A late tap can change only the breakdown of a later ride, not its fare: here a capped ride (0.00) becomes a
    /// transfer (still 0.00). That is recorded as a fare adjustment, because the card's later fares are worked out from
    /// it and its history must show what the ride is now priced by; it moves no money, so the ledgers post nothing for it
    /// (docs/decisions/0006).
    /// </summary>
    [Fact]
    public void A_change_of_breakdown_alone_is_a_fare_adjustment_of_nothing_that_posts_nothing()
    {
        // Zigong, 10.00 a day: four suburban rides fill the cap by 10:00, so the 12:00 ride is capped to 0.00 and no transfer.
        var rides = new[] { "07:00", "08:00", "09:00", "10:00" }.Select(t => Bus(City.ZG, "ZG-35", At(t))).Append(Bus(City.ZG, "ZG-1", At("12:00"))).ToList();
        var (card, _) = Run(Card(City.ZG), rides);
        var late = Bus(City.ZG, "ZG-3", At("11:30"));

        var events = Assert.IsType<CardDecision.Append>(Decide(card, late)).Events;

        Assert.Equal(0, Assert.IsType<CardCharged>(events[0]).Amount.Fen);
        var adjusted = Assert.IsType<FareAdjusted>(Assert.Single(events.Skip(1)));
        Assert.Equal((rides[4].OperationId, 0L, 0L, 0L), (adjusted.ChargeOperationId, adjusted.FareBefore.Fen, adjusted.FareAfter.Fen, adjusted.BalanceChange.Fen));
        Assert.True(adjusted.Fare.IsTransfer);
        Assert.Empty(CityCard.Domain.Ledger.PostingRules.For(card.Card, adjusted));
        Assert.Equal(card.Balance, CardEvolver.Fold(card, events).Balance);
    }
}

