using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;
using CityCard.Domain.Ledger;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// Passes wired into the card (decisions 0060, 0061): sold through the card's decider and recorded as pinned events in
/// its hash chain, honoured by its charge path, refunded pro rata, carried by a replacement, apportioned when a period
/// ends, and posted balanced. Every step goes through <see cref="CardDecider"/> and <see cref="CardEvolver"/> as the
/// grain does, against the repository's policies.
/// </summary>
public sealed class A_card_with_a_pass
{
    private static readonly PolicySet Policies = RepoPolicies.Set;

    [Fact]
    public void A_pass_sold_from_the_balance_is_a_pinned_chained_event_and_shows_in_the_view_and_history()
    {
        var card = Funded(out var number, 200_00);

        var (after, events) = Do(card, new SellPassRequest("ZG:sale-1", null, "regional-bus-30", null), At("2027-01-02 10:00"));

        var sold = Assert.IsType<PassSold>(Assert.Single(events));
        Assert.Equal("pass_sold.v1", CardEventTypes.NameOf(sold));
        Assert.Equal((City.ZG, Money.FromFen(150_00), "ZG:sale-1"), (sold.Pass.Issuer, sold.Pass.Price, sold.Pass.PassId));
        Assert.Equal(Money.FromFen(50_00), after.Balance);
        Assert.Equal(EventChain.Link(card.ChainHead, number, after.Version, sold), after.ChainHead);
        var view = Assert.Single(after.ToView().Passes!);
        Assert.Equal(("regional-bus-30", "region@2027-01-01", (DateTimeOffset?)null), (view.Product, view.Policy, view.FirstUsedAt));
        var history = CardHistoryBuilder.Build(number, [.. Events(number), sold], null);
        Assert.Contains("regional-bus-30", history.Entries[^1].Summary, StringComparison.Ordinal);
        Assert.Equal(-150_00, history.Entries[^1].Amount.Fen);
    }

    [Fact]
    public void Selling_again_under_the_same_id_replays_and_the_same_id_for_another_pass_is_a_conflict()
    {
        var (card, _) = Do(Funded(out _, 200_00), new SellPassRequest("ZG:sale-1", City.ZG, "zg-monthly", new DateOnly(2027, 1, 20)), At("2027-01-02 10:00"));

        Assert.IsType<CardDecision.Replay>(CardDecider.Decide(card, new SellPassRequest("ZG:sale-1", City.ZG, "zg-monthly", new DateOnly(2027, 1, 5)), At("2027-01-02 10:05"), Policies));
        var conflict = Assert.IsType<CardDecision.Reject>(CardDecider.Decide(card, new SellPassRequest("ZG:sale-1", City.ZG, "zg-monthly", new DateOnly(2027, 2, 1)), At("2027-01-02 10:05"), Policies));
        Assert.Equal(RejectionCode.OperationConflict, conflict.Code);
    }

    public static TheoryData<string, SellPassRequest, long, RejectionCode> Refusals => new()
    {
        { "no such pass", new SellPassRequest("ZG:s", City.ZG, "zg-weekly", null), 200_00, RejectionCode.UnknownPassProduct },
        { "a monthly pass with no month", new SellPassRequest("ZG:s", City.ZG, "zg-monthly", null), 200_00, RejectionCode.InvalidPassStart },
        { "more than the balance", new SellPassRequest("ZG:s", null, "regional-bus-30", null), 100_00, RejectionCode.InsufficientBalance },
        { "a malformed product", new SellPassRequest("ZG:s", null, "regional bus", null), 200_00, RejectionCode.InvalidPassId },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_sale_the_pass_rules_refuse_records_nothing_and_says_why(string why, SellPassRequest request, long balance, RejectionCode code)
    {
        var reject = Assert.IsType<CardDecision.Reject>(CardDecider.Decide(Funded(out _, balance), request, At("2027-01-02 10:00"), Policies));
        Assert.True(code == reject.Code, why);
    }

    [Fact]
    public void A_covered_ride_costs_0_with_a_pass_line_and_a_ride_outside_it_is_charged_as_without()
    {
        var (card, _) = Do(Funded(out _, 200_00), new SellPassRequest("ZG:sale-1", null, "regional-bus-30", null), At("2027-01-02 10:00"));

        var (afterBus, bus) = Do(card, Ride("t-1", City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), "2027-01-10 18:00"), At("2027-01-10 18:00"));
        var covered = Assert.IsType<CardCharged>(Assert.Single(bus));
        Assert.Equal(Money.Zero, covered.Amount);
        Assert.Equal(("ZG:sale-1", Money.FromFen(250)), (PassLines.CoverOf(covered.Fare!)!.Value.PassId, PassLines.CoverOf(covered.Fare!)!.Value.WouldHaveCost));
        Assert.Equal(At("2027-01-10 18:00"), afterBus.Passes.Book.Find("ZG:sale-1")!.FirstUsedAt);

        var (_, rail) = Do(afterBus, Ride("t-2", City.YB, Category.Rail, RideDetails.Rail("YB-GT", "YB-XZ", At("2027-01-11 08:20")), "2027-01-11 08:00"), At("2027-01-11 08:30"));
        var paid = Assert.IsType<CardCharged>(Assert.Single(rail));
        Assert.True(paid.Amount.IsPositive);
        Assert.Null(PassLines.CoverOf(paid.Fare!));
    }

    [Fact]
    public void A_refund_gives_back_the_whole_days_left_less_the_fee_and_posts_the_sale_turned_round()
    {
        var (card, _) = Do(Funded(out var number, 200_00), new SellPassRequest("ZG:sale-1", null, "regional-bus-30", null), At("2027-01-02 10:00"));
        (card, _) = Do(card, Ride("t-1", City.ZG, Category.Bus, RideDetails.Bus("ZG-1"), "2027-01-10 08:00"), At("2027-01-10 08:00"));

        var (after, events) = Do(card, new RefundPassRequest("ZG:refund-1", "ZG:sale-1"), At("2027-01-20 12:00"));

        var refunded = Assert.IsType<PassRefunded>(Assert.Single(events));
        Assert.Equal((19, 30, 95_00L, 90_00L), (refunded.Remaining, refunded.Total, refunded.ProRata.Fen, refunded.Amount.Fen));
        Assert.Equal(card.Balance + Money.FromFen(90_00), after.Balance);
        var entry = Assert.Single(PostingRules.For(number, refunded));
        Assert.Equal((EntryKind.PassRefund, true), (entry.Kind, entry.IsBalanced));
        var again = Assert.IsType<CardDecision.Reject>(CardDecider.Decide(after, new RefundPassRequest("ZG:refund-2", "ZG:sale-1"), At("2027-01-21 12:00"), Policies));
        Assert.Equal(RejectionCode.PassAlreadyRefunded, again.Code);
    }

    [Fact]
    public void When_the_period_ends_the_price_is_apportioned_by_what_the_rides_would_have_cost_and_posted_across_cities()
    {
        var (card, _) = Do(Funded(out var number, 200_00), new SellPassRequest("ZG:sale-1", null, "regional-bus-30", null), At("2027-01-02 10:00"));
        (card, _) = Do(card, Ride("t-1", City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), "2027-01-10 18:00"), At("2027-01-10 18:00"));
        (card, _) = Do(card, Ride("t-2", City.YB, Category.Bus, RideDetails.Bus("YB-4"), "2027-01-28 08:00"), At("2027-01-28 08:00"));

        var early = Assert.IsType<CardDecision.Reject>(CardDecider.Decide(card, new ApportionPassesRequest("RG:run-1"), At("2027-02-08 23:00"), Policies));
        Assert.Equal(RejectionCode.NothingToApportion, early.Code);

        var (after, events) = Do(card, new ApportionPassesRequest("RG:run-2"), At("2027-02-09 00:30"));
        var apportioned = Assert.IsType<PassesApportioned>(Assert.Single(events));
        var slice = Assert.Single(apportioned.Slices).Apportionment;
        Assert.Equal(150_00, slice.Apportioned.Fen + slice.Unused.Fen);
        Assert.Equal([City.LZ, City.YB], slice.Shares.Select(s => s.Operator.City));
        Assert.Equal(Money.Zero, after.Balance - card.Balance);
        var postings = PostingRules.For(number, apportioned);
        Assert.All(postings, e => Assert.True(e.IsBalanced));
        Assert.Contains(postings, e => e.Ledger == City.YB && e.Kind == EntryKind.PassRevenue);
        var unearned = postings.SelectMany(e => e.Postings).Where(p => p.Account == Account.PassesUnearned).Sum(p => p.Amount.Fen);
        Assert.Equal(150_00, unearned);

        var repeat = Assert.IsType<CardDecision.Reject>(CardDecider.Decide(after, new ApportionPassesRequest("RG:run-3"), At("2027-02-10 00:30"), Policies));
        Assert.Equal(RejectionCode.NothingToApportion, repeat.Code);
    }

    [Fact]
    public void A_replacement_card_carries_the_pass_and_its_uses_and_rides_on_it()
    {
        var (old, _) = Do(Funded(out var oldNumber, 200_00), new SellPassRequest("ZG:sale-1", null, "regional-bus-30", null), At("2027-01-02 10:00"));
        (old, _) = Do(old, Ride("t-1", City.LZ, Category.Bus, RideDetails.Bus("LZ-1"), "2027-01-10 18:00"), At("2027-01-10 18:00"));
        var newNumber = CardNumber.Create(City.ZG, 990_001);
        var (replaced, _) = Do(old, new ReplaceCardRequest("ZG:replace-1", newNumber), At("2027-01-12 09:00"));
        var transfer = replaced.OutgoingReplacement!;
        Assert.Equal(["ZG:sale-1"], transfer.Passes!.Passes.Select(p => p.PassId));
        Assert.Empty(replaced.Passes.Book.Passes);

        var fresh = CardState.Initial(newNumber);
        (fresh, _) = Do(fresh, new ClaimReplacementRequest("ZG:replace-1", oldNumber, ProductCode.Standard), At("2027-01-12 09:00"));
        var decision = Assert.IsType<CardDecision.Append>(CardDecider.Decide(
            fresh, new ReceiveReplacementFundsRequest("ZG:replace-1", oldNumber, transfer.Balance, transfer.Deposit), At("2027-01-12 09:00"), Policies, transfer.Passes));
        var carried = Assert.IsType<PassesCarriedOver>(decision.Events[1]);
        Assert.Empty(PostingRules.For(newNumber, carried));
        var card = CardEvolver.Fold(fresh, decision.Events);
        Assert.Equal(At("2027-01-10 18:00"), card.Passes.Book.Find("ZG:sale-1")!.FirstUsedAt);
        Assert.Single(card.Passes.Uses);

        var (_, ride) = Do(card, Ride("t-2", City.ZG, Category.Bus, RideDetails.Bus("ZG-1"), "2027-01-13 08:00"), At("2027-01-13 08:00"));
        Assert.Equal(Money.Zero, Assert.IsType<CardCharged>(Assert.Single(ride)).Amount);
    }

    private static CardState Funded(out CardNumber number, long balance)
    {
        number = CardOf(City.ZG);
        return CardEvolver.Fold(CardState.Initial(number), Events(number, balance));
    }

    private static List<CardEvent> Events(CardNumber number, long balance = 200_00) =>
    [
        new CardIssued("ZG:issue", At("2027-01-01 09:00"), number, City.ZG, ProductCode.Standard, Money.FromFen(20_00)),
        new CardToppedUp("ZG:top-up", At("2027-01-01 09:05"), Money.FromFen(balance), City.ZG, TopUpChannel.ServiceDesk),
    ];

    private static ChargeRequest Ride(string op, City city, Category mode, RideDetails ride, string at) =>
        ChargeRequest.ForRide(op, city, $"{city}-{mode.ToString().ToUpperInvariant()}", mode, $"{city}-T1", Math.Abs(op.GetHashCode(StringComparison.Ordinal)), At(at), ride);

    private static (CardState State, IReadOnlyList<CardEvent> Events) Do(CardState state, CardRequest request, DateTimeOffset now)
    {
        var append = Assert.IsType<CardDecision.Append>(CardDecider.Decide(state, request, now, Policies));
        return (CardEvolver.Fold(state, append.Events), append.Events);
    }
}
