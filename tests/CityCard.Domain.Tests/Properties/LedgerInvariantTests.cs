using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Tests.Simulation;

namespace CityCard.Domain.Tests.Properties;

/// <summary>The ledger invariants of the issue, each checked on random multi-city histories run to full settlement.</summary>
public sealed class LedgerInvariantTests
{
    [Fact]
    public void Every_posting_balances_and_every_money_event_is_posted_exactly_once() => SimulatedRegion.Check(region =>
    {
        Assert.All(region.Clearing.Entries, e => Assert.True(e.IsBalanced, $"{e.Source}/{e.Leg} does not balance"));
        var keys = region.Clearing.Entries.Select(e => (e.Source, e.Leg)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());

        var moving = region.History.Events.Where(e => PostingRules.For(e.Card, e.Event).Count > 0).Select(e => e.Sequence).Order();
        var posted = region.Clearing.Entries.Where(e => e.Source.Kind == SourceKind.Event).Select(e => e.Source.Id).Distinct().Order();
        Assert.Equal(moving, posted);

        // The histories reach what matters: every kind of card event, debts settled at closing, late postings.
        Assert.Equal(CardEventTypes.Names.Keys.OrderBy(t => t.Name), region.History.Events.Select(e => e.Event.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.Contains(region.History.Events, e => e.Event is CardClosed { DebtSettledFromDeposit: not null });
        Assert.Contains(region.Clearing.Entries, e => e.Late);
    });

    [Fact]
    public void Each_citys_float_and_deposits_equal_the_sum_over_its_cards() => SimulatedRegion.Check(region =>
    {
        var book = new LedgerBook(region.Clearing.Entries);
        foreach (var city in Cities.All)
        {
            var cards = region.History.Cards.Values.Where(c => c.Issuer == city).ToList();
            Assert.Equal(-Sum(cards.Select(c => c.Balance)), book.Balance(city, Account.CardFloat));
            Assert.Equal(-Sum(cards.Select(c => c.Deposit)), book.Balance(city, Account.DepositsHeld));
            Assert.Equal(Money.Zero, book.Balance(city, Account.ReplacementsInTransit));
        }
    });

    [Fact]
    public void Inter_city_dues_mirror_each_other_in_every_window() => SimulatedRegion.Check(region =>
    {
        foreach (var window in region.Clearing.Entries.GroupBy(e => e.Window))
        {
            var book = new LedgerBook(window.Where(e => e.Kind != EntryKind.Settlement));
            foreach (var owes in Cities.All)
            {
                foreach (var owed in Cities.All.Where(c => c != owes))
                {
                    // What ZG owes LZ (a credit on ZG's "due to LZ") is what LZ is owed by ZG (a debit on LZ's "due from ZG").
                    Assert.Equal(-book.Balance(owes, Account.DueTo(owed)), book.Balance(owed, Account.DueFrom(owes)));
                }
            }
        }
    });

    [Fact]
    public void Net_positions_sum_to_zero_and_agree_with_the_dues() => SimulatedRegion.Check(region =>
    {
        Assert.NotEmpty(region.Clearing.Closed);
        foreach (var report in region.Clearing.Closed)
        {
            Assert.Equal(Money.Zero, Sum(report.Positions.Select(p => p.Net)));
            foreach (var position in report.Positions)
            {
                var received = Sum(report.Dues.Where(d => d.Payee == position.City).Select(d => d.Due));
                var paid = Sum(report.Dues.Where(d => d.Payer == position.City).Select(d => d.Due));
                Assert.Equal(received - paid, position.Net);
            }

            Assert.All(report.Dues, d => Assert.Equal(d.Gross - d.Fees - d.Chargebacks, d.Due));
            Assert.Equal(Sum(report.FeeTotals.Select(f => f.Income)), Sum(report.FeeTotals.Select(f => f.Expense)));
        }
    });

    [Fact]
    public void Money_in_the_system_is_top_ups_less_refunds_less_what_operators_are_paid() => SimulatedRegion.Check(region =>
    {
        var book = new LedgerBook(region.Clearing.Entries);
        var events = region.History.Events.Select(e => e.Event).ToList();
        var topUps = Sum(events.OfType<CardToppedUp>().Select(e => e.Amount));
        var deposits = Sum(events.OfType<CardIssued>().Select(e => e.Deposit));
        var refunds = Sum(events.OfType<CardClosed>().Select(e => e.BalanceRefunded + e.DepositRefunded));
        var fares = Sum(events.OfType<CardCharged>().Select(e => e.Amount))
            - Sum(events.OfType<ChargeReversed>().Select(e => e.Amount))
            - Sum(events.OfType<ChargeRefunded>().Select(e => e.Amount))
            - Sum(events.OfType<FareAdjusted>().Select(e => e.BalanceChange));
        var payouts = Sum(region.Clearing.Settled.SelectMany(r => r.Operators).Select(o => o.Payout));

        // Passes: paid from the float into the issuer's unearned passes, earned by the operators as they are apportioned.
        var passPayments = Sum(events.OfType<PassSold>().Select(e => e.Pass.Price)) - Sum(events.OfType<PassRefunded>().Select(e => e.Amount));
        var passRevenue = Sum(events.OfType<PassesApportioned>().SelectMany(e => e.Slices).SelectMany(s =>
            s.Apportionment.Shares.Select(x => x.Share).Concat((s.Before?.Shares ?? []).Select(x => -x.Share))));

        // Cash across the region: what came in, less what went back to cardholders and out to operators.
        Assert.Equal(topUps + deposits - refunds - payouts, book.Total(AccountKind.Cash));
        // Everything was settled, so every operator was paid every fare, and no city owes another anything.
        Assert.Equal(fares + passRevenue, payouts);
        Assert.Equal(-(passPayments - passRevenue), book.Total(AccountKind.PassesUnearned) + book.Total(AccountKind.UnusedPassRevenue));
        Assert.All(Cities.All, c => Assert.Equal(Money.Zero, book.Total(c, AccountKind.DueToCity) + book.Total(c, AccountKind.DueFromCity) + book.Total(c, AccountKind.MerchantPayable)));
        // The float is the stored value still on cards: top-ups less fares less balances refunded, plus overdrafts
        // that closing cards settled out of their deposits.
        var balanceRefunds = Sum(events.OfType<CardClosed>().Select(e => e.BalanceRefunded));
        var debtsSettled = Sum(events.OfType<CardClosed>().Select(e => e.DebtSettledFromDeposit ?? Money.Zero));
        Assert.Equal(-(topUps - fares - passPayments - balanceRefunds + debtsSettled), book.Total(AccountKind.CardFloat));
        // Each ledger balances, and the fees one city earns another pays.
        Assert.All(Cities.All, c => Assert.Equal(Money.Zero, book.Sum(c)));
        Assert.Equal(-book.Total(AccountKind.ClearingFeeIncome), book.Total(AccountKind.ClearingFeeExpense));
    });

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (s, m) => s + m);
}
