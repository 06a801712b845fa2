using System.Collections.Immutable;
using CityCard.Domain.Ledger;
using CityCard.Domain.Settlement;
using CsCheck;

namespace CityCard.Domain.Tests.Settlement;

/// <summary>
/// Payouts at settlement (docs/decisions/0093): an active registered operator is paid into its account, with any suspense
/// releasable to it; an unregistered or suspended one is held in suspense; the settlement entries balance; and money is
/// conserved to the fen: for every operator, Paid + Held = Owed + Released.
/// </summary>
public sealed class Operators_are_paid_to_registered_accounts_or_held
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly SettlementAccount BusAccount = new("ICBC Luzhou", "6222020200112233");
    private static readonly SettlementAccount HotelAccount = new("BOC Luzhou", "6013820011223344");

    [Fact]
    public void A_registered_operator_is_paid_into_its_account_and_an_unknown_one_is_held()
    {
        var report = PayoutAllocation.Apply(
            Report(Line(City.LZ, "lz-bus", Category.Bus, 1_200), Line(City.LZ, "lz-bus", Category.Retail, 300), Line(City.LZ, "lz-ghost", Category.Retail, 450)),
            Directory(payees: [(City.LZ, "lz-bus", new Payee(BusAccount, OperatorStatus.Active))]));

        Assert.Equal(
            [
                new OperatorSettlement(City.LZ, "lz-bus", Yuan(15), Money.Zero, Yuan(15), Money.Zero, BusAccount, null),
                new OperatorSettlement(City.LZ, "lz-ghost", Fen(450), Money.Zero, Money.Zero, Fen(450), null, PayoutHold.NotRegistered),
            ],
            report.Payees);
        Assert.All(report.Operators.Where(o => o.Merchant == "lz-bus"), o => Assert.Equal((BusAccount, false), (o.Account, o.Held)));
        Assert.Equal((null, true), (report.Operators.Single(o => o.Merchant == "lz-ghost").Account, report.Operators.Single(o => o.Merchant == "lz-ghost").Held));
    }

    [Fact]
    public void A_suspended_operator_is_held_and_keeps_its_suspense_until_it_is_active_again()
    {
        var suspended = PayoutAllocation.Apply(
            Report(Line(City.YB, "yb-hotel", Category.Hotel, 8_000)),
            Directory(payees: [(City.YB, "yb-hotel", new Payee(HotelAccount, OperatorStatus.Suspended))], releasable: [(City.YB, "yb-hotel", Fen(500))]));
        Assert.Equal(new OperatorSettlement(City.YB, "yb-hotel", Fen(8_000), Money.Zero, Money.Zero, Fen(8_000), HotelAccount, PayoutHold.Suspended), Assert.Single(suspended.Payees!));

        // Active again, with no revenue in this window: its suspense alone is paid out.
        var reinstated = PayoutAllocation.Apply(
            Report(),
            Directory(payees: [(City.YB, "yb-hotel", new Payee(HotelAccount, OperatorStatus.Active))], releasable: [(City.YB, "yb-hotel", Fen(8_500))]));
        Assert.Equal(new OperatorSettlement(City.YB, "yb-hotel", Money.Zero, Fen(8_500), Fen(8_500), Money.Zero, HotelAccount, null), Assert.Single(reinstated.Payees!));
    }

    [Fact]
    public void Suspense_released_by_a_closed_window_not_yet_settled_is_not_released_again()
    {
        var closed = new ClearingWindow(Day, WindowStatus.Closed, DateTimeOffset.UnixEpoch) with
        {
            Settlement = Report() with { Payees = [new OperatorSettlement(City.NJ, "nj-bus", Money.Zero, Fen(300), Fen(300), Money.Zero, BusAccount, null)] },
        };
        var directory = PayeeDirectory.From(
            [(City.NJ, "nj-bus", new Payee(BusAccount, OperatorStatus.Active))],
            [(City.NJ, "nj-bus", Fen(300)), (City.NJ, "nj-taxi", Fen(40))],
            WindowBook.Empty.With(closed));

        Assert.Equal([KeyValuePair.Create((City.NJ, "nj-taxi"), Fen(40))], directory.Releasable.ToList());

        // Within one change, a second window closed after the first releases nothing the first released.
        var first = PayoutAllocation.Apply(Report(), directory with { Releasable = directory.Releasable.SetItem((City.NJ, "nj-bus"), Fen(70)) });
        var second = PayoutAllocation.Apply(Report(), directory with { Releasable = directory.Releasable.SetItem((City.NJ, "nj-bus"), Fen(70)) }, new Dictionary<(City, string), Money> { [(City.NJ, "nj-bus")] = Fen(70) });
        Assert.Equal(Fen(70), first.Payees!.Single().Released);
        Assert.Empty(second.Payees!);
    }

    [Fact]
    public void The_settlement_entries_pay_the_account_and_credit_suspense_and_balance()
    {
        var report = PayoutAllocation.Apply(
            Report(Line(City.LZ, "lz-bus", Category.Bus, 1_000), Line(City.LZ, "lz-ghost", Category.Retail, 450)),
            Directory(payees: [(City.LZ, "lz-bus", new Payee(BusAccount, OperatorStatus.Active))], releasable: [(City.LZ, "lz-bus", Fen(25))]));

        var entry = Assert.Single(SettlementPostings.For(report));
        Assert.True(entry.IsBalanced);
        Assert.Equal(
            [
                Posting.Debit(Account.PayableTo("lz-bus"), Fen(1_000)),
                Posting.Debit(Account.SuspenseFor("lz-bus"), Fen(25)),
                Posting.Credit(Account.Cash, Fen(1_025)),
                Posting.Debit(Account.PayableTo("lz-ghost"), Fen(450)),
                Posting.Credit(Account.SuspenseFor("lz-ghost"), Fen(450)),
            ],
            entry.Postings);
    }

    [Fact]
    public void A_rebuild_pays_and_holds_as_the_live_settlement_did()
    {
        var live = PayoutAllocation.Apply(
            Report(Line(City.ZG, "zg-bus", Category.Bus, 600), Line(City.ZG, "zg-inn", Category.Hotel, 900), Line(City.ZG, "zg-ghost", Category.Retail, 70)),
            Directory(
                payees: [(City.ZG, "zg-bus", new Payee(BusAccount, OperatorStatus.Active)), (City.ZG, "zg-inn", new Payee(HotelAccount, OperatorStatus.Suspended))],
                releasable: [(City.ZG, "zg-bus", Fen(11))]));

        var rebuilt = PayoutAllocation.Apply(live with { Payees = null }, PayeeDirectory.AsSettledIn(live));

        Assert.Equal(live.Payees, rebuilt.Payees);
        Assert.Equal(live.Operators, rebuilt.Operators);
    }

    [Fact]
    public void Money_is_conserved_to_the_fen_whoever_is_registered()
    {
        var operators = Gen.OneOfConst("op-a", "op-b", "op-c", "op-d", "op-e");
        var line = Gen.Select(Gen.OneOfConst(Cities.All.ToArray()), operators, Gen.OneOfConst(Category.Bus, Category.Retail, Category.Hotel), Gen.Long[-5_000, 50_000]);
        var payee = Gen.Select(Gen.OneOfConst(Cities.All.ToArray()), operators, Gen.OneOfConst(OperatorStatus.Active, OperatorStatus.Suspended));
        var held = Gen.Select(Gen.OneOfConst(Cities.All.ToArray()), operators, Gen.Long[-2_000, 20_000]);
        Gen.Select(line.Array[0, 30], payee.Array[0, 12], held.Array[0, 8]).Sample((lines, payees, suspense) =>
        {
            var report = Report([.. lines.DistinctBy(l => (l.Item1, l.Item2, l.Item3)).Select(l => Line(l.Item1, l.Item2, l.Item3, l.Item4))]);
            var directory = Directory(
                [.. payees.DistinctBy(p => (p.Item1, p.Item2)).Select(p => (p.Item1, p.Item2, new Payee(BusAccount, p.Item3)))],
                [.. suspense.DistinctBy(s => (s.Item1, s.Item2)).Select(s => (s.Item1, s.Item2, Fen(s.Item3)))]);
            var paid = PayoutAllocation.Apply(report, directory);

            foreach (var p in paid.Payees!)
            {
                Assert.Equal(p.Owed + p.Released, p.Paid + p.Held);
                var payable = directory.Operators.GetValueOrDefault((p.City, p.Operator)) is { Status: OperatorStatus.Active };
                Assert.Equal(payable, p.HeldBecause is null);
                Assert.True(payable ? p.Held == Money.Zero : p.Paid == Money.Zero && p.Released == Money.Zero);
                Assert.Equal(Sum(report.Operators.Where(o => o.City == p.City && o.Merchant == p.Operator).Select(o => o.Payout)), p.Owed);
            }

            Assert.Equal(Sum(report.Operators.Select(o => o.Payout)), Sum(paid.Payees!.Select(p => p.Owed)));
            var entries = SettlementPostings.For(paid);
            Assert.All(entries, e => Assert.True(e.IsBalanced));
            var postings = entries.SelectMany(e => e.Postings).ToList();
            Assert.Equal(Sum(paid.Payees!.Select(p => p.Paid)), -Sum(postings.Where(p => p.Account == Account.Cash).Select(p => p.Amount)));
            Assert.Equal(Sum(paid.Payees!.Select(p => p.Held - p.Released)), -Sum(postings.Where(p => p.Account.Kind == AccountKind.OperatorSuspense).Select(p => p.Amount)));
            Assert.Equal(Sum(paid.Payees!.Select(p => p.Owed)), Sum(postings.Where(p => p.Account.Kind == AccountKind.MerchantPayable).Select(p => p.Amount)));
        }, print: x => $"{x.Item1.Length} lines, {x.Item2.Length} registered, {x.Item3.Length} suspense balances");
    }

    private static SettlementReport Report(params OperatorPayout[] lines) => new(
        Day, SettlementReport.Renminbi, [.. Cities.All.Select(c => new CityPosition(c, Money.Zero))], [], [], [], [], lines,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, []);

    private static OperatorPayout Line(City city, string op, Category category, long fen) =>
        new(city, op, category, Fen(fen), Money.Zero, Fen(fen));

    private static PayeeDirectory Directory(
        IEnumerable<(City, string, Payee)>? payees = null, IEnumerable<(City, string, Money)>? releasable = null) => new(
        (payees ?? []).ToImmutableDictionary(p => (p.Item1, p.Item2), p => p.Item3),
        (releasable ?? []).ToImmutableDictionary(r => (r.Item1, r.Item2), r => r.Item3));

    private static Money Fen(long fen) => Money.FromFen(fen);

    private static Money Yuan(long yuan) => Money.FromFen(yuan * 100);

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (s, m) => s + m);
}
