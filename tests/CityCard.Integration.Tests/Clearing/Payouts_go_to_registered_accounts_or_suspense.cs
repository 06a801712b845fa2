using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Clearing;

/// <summary>
/// Settlement on the real cluster and PostgreSQL (docs/decisions/0093): a registered operator's payout names its
/// account; an unregistered operator's revenue sits in suspense (2120) after the bank's confirmation; once it is
/// registered, the next window pays it out; the ledgers balance and the rebuild from the event log reconciles.
/// </summary>
public sealed class Payouts_go_to_registered_accounts_or_suspense(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    private const string Shop = "LZ-PAY-SHOP";
    private const string Ghost = "LZ-PAY-GHOST";
    private static readonly SettlementAccount ShopAccount = new("ICBC Luzhou", "6222020200112233");
    private static readonly SettlementAccount GhostAccount = new("BOC Luzhou", "6013820011229999");

    private readonly ClearingDays days = new(fixture);

    private IRegistryGrain Luzhou => fixture.Cluster.Client.GetGrain<IRegistryGrain>(nameof(City.LZ));

    [Fact]
    public async Task Payouts_name_registered_accounts_and_an_unregistered_operators_revenue_sits_in_suspense_until_it_registers()
    {
        await RegisterAsync(Shop, ShopAccount);
        var first = await days.FreshDayAsync();
        var card = CardClusterFixture.NewCard(City.ZG);
        Assert.True((await fixture.Cards.IssueAsync(card, Issue(card))).IsAccepted);
        Assert.True((await fixture.Cards.TopUpAsync(card, TopUp(10_000))).IsAccepted);
        Assert.True((await fixture.Cards.ChargeAsync(card, Charge(1_200, fixture.Now) with { MerchantId = Shop })).IsAccepted);
        Assert.True((await fixture.Cards.ChargeAsync(card, Charge(450, fixture.Now) with { MerchantId = Ghost })).IsAccepted);

        var report = await days.SettleAsync(first);

        Assert.Equal(new OperatorSettlement(City.LZ, Shop, Money.FromFen(1_200), Money.Zero, Money.FromFen(1_200), Money.Zero, ShopAccount, null), Payee(report, Shop));
        Assert.Equal(new OperatorSettlement(City.LZ, Ghost, Money.FromFen(450), Money.Zero, Money.Zero, Money.FromFen(450), null, PayoutHold.NotRegistered), Payee(report, Ghost));
        Assert.Equal((ShopAccount, false), (report.Operators.Single(o => o.Merchant == Shop).Account, report.Operators.Single(o => o.Merchant == Shop).Held));
        Assert.True(report.Operators.Single(o => o.Merchant == Ghost).Held);

        var settled = await fixture.Clearing.GetTrialBalanceAsync(City.LZ);
        Assert.True(settled.IsBalanced, $"{settled.TotalDebits} debits, {settled.TotalCredits} credits");
        Assert.Equal(450, Held(settled, Ghost));
        Assert.Equal(0, Net(settled, $"2110.{Shop}"));
        Assert.Equal(0, Net(settled, $"2110.{Ghost}"));

        // Registered now: the next window releases what was held, into the account registered, with nothing new owed.
        await RegisterAsync(Ghost, GhostAccount);
        var second = await days.FreshDayAsync();
        var next = await days.SettleAsync(second);

        Assert.Equal(new OperatorSettlement(City.LZ, Ghost, Money.Zero, Money.FromFen(450), Money.FromFen(450), Money.Zero, GhostAccount, null), Payee(next, Ghost));
        var released = await fixture.Clearing.GetTrialBalanceAsync(City.LZ);
        Assert.True(released.IsBalanced);
        Assert.Equal(0, Held(released, Ghost));

        var rebuilt = await ReconcileAsync();
        Assert.True(rebuilt.Matches, $"{rebuilt.DifferenceCount} differences, first {(rebuilt.Differences.Count > 0 ? rebuilt.Differences[0] : null)}; {string.Join("; ", rebuilt.Problems)}");
    }

    private async Task RegisterAsync(string op, SettlementAccount account)
    {
        var result = await Luzhou.Execute(new RegisterOperatorRequest(NewOp("register"), "test-ops", op, op, [Category.Retail], account));
        Assert.True(result.IsAccepted, $"{result.Rejection}: {result.Detail}");
    }

    private static OperatorSettlement Payee(SettlementReport report, string op) => Assert.Single(report.Payees!, p => p.Operator == op);

    private static long Net(TrialBalance balance, string code) =>
        balance.Lines.Where(l => l.Code == code).Sum(l => l.Debits.Fen - l.Credits.Fen);

    private static long Held(TrialBalance balance, string op) => -Net(balance, $"2120.{op}");

    private async Task<ReconciliationReport> ReconcileAsync()
    {
        var reconciliation = fixture.Cluster.Client.GetGrain<IReconciliationGrain>(IReconciliationGrain.Key);
        var progress = await reconciliation.Start(NewOp("run"));
        while (progress.Phase == ReconciliationPhase.Rebuilding)
        {
            progress = await reconciliation.Advance();
        }

        Assert.True(progress.Phase == ReconciliationPhase.Done, progress.Error);
        return progress.Report!;
    }
}
