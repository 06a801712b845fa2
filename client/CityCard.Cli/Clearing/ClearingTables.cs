using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>Settlements, windows and trial balances as readable tables; times in China Standard Time, amounts in yuan.</summary>
internal static class ClearingTables
{
    public static void Settlement(TextWriter output, SettlementReport report)
    {
        var scope = report.Positions.Count == 1 ? $"{report.Positions[0].City}'s statement" : "Settlement";
        output.WriteLine($"{scope} of {report.Window:yyyy-MM-dd} ({report.Currency}), cut-off {ClearingCli.Cst(report.CutOffAt)} CST, closed {ClearingCli.Cst(report.ClosedAt)} CST, {report.LateEntries} late entries" +
            (report.CarriedWindows.Count == 0 ? string.Empty : $", carrying aborted {string.Join(", ", report.CarriedWindows.Select(ClearingCli.Day))}"));
        TablePrinter.Print(
            output,
            ["city", "net position", "", "fee income", "fee expense"],
            report.Positions.Select(p =>
            {
                var fees = report.FeeTotals.SingleOrDefault(f => f.City == p.City) ?? new CityFees(p.City, Money.Zero, Money.Zero);
                return (IReadOnlyList<string>)[p.City.ToString(), p.Net.ToString(), p.Net.IsPositive ? "receives" : p.Net.IsNegative ? "pays" : "", fees.Income.ToString(), fees.Expense.ToString()];
            }));
        if (report.Positions.Count > 1)
        {
            output.WriteLine($"Nets sum to {report.Positions.Aggregate(Money.Zero, (s, p) => s + p.Net)}.");
        }

        output.WriteLine();
        output.WriteLine("Flows between cities (fares by category, top-ups taken for another city's cards):");
        TablePrinter.Print(
            output,
            ["payer", "payee", "flow", "amount", "reversed", "gross"],
            report.Bilateral.Select(b => (IReadOnlyList<string>)[b.Payer.ToString(), b.Payee.ToString(), b.Flow, b.Amount.ToString(), b.Reversed.ToString(), b.Gross.ToString()]));

        output.WriteLine();
        output.WriteLine("Dues between cities (gross less clearing fees):");
        TablePrinter.Print(
            output,
            ["payer", "payee", "gross", "fees", "due"],
            report.Dues.Select(d => (IReadOnlyList<string>)[d.Payer.ToString(), d.Payee.ToString(), d.Gross.ToString(), d.Fees.ToString(), d.Due.ToString()]));

        output.WriteLine();
        output.WriteLine("Clearing fees (paid by the acquiring city to the issuer):");
        TablePrinter.Print(
            output,
            ["issuer", "acquirer", "category", "gross", "rate", "fee"],
            report.Fees.Select(f => (IReadOnlyList<string>)[f.Issuer.ToString(), f.Acquirer.ToString(), f.Category.ToString(), f.Gross.ToString(), $"{f.RateBps} bp", f.Fee.ToString()]));

        SettlementChargebacks.Print(output, report);
        output.WriteLine();
        output.WriteLine($"Payouts to {report.Operators.Select(o => (o.City, o.Merchant)).Distinct().Count()} operators and merchants:");
        TablePrinter.Print(
            output,
            ["city", "operator", "category", "charges", "reversals", "payout"],
            report.Operators.Select(o => (IReadOnlyList<string>)[o.City.ToString(), o.Merchant, o.Category.ToString(), o.Charges.ToString(), o.Reversals.ToString(), o.Payout.ToString()]));

        // Where each operator's money goes (decision 0093): its registered account, or suspense and why.
        if (report.Payees is { Count: > 0 } payees)
        {
            output.WriteLine();
            output.WriteLine($"Paid to registered accounts: {Sum(payees.Select(p => p.Paid))}; held in suspense: {Sum(payees.Select(p => p.Held))}; released from suspense: {Sum(payees.Select(p => p.Released))}");
            TablePrinter.Print(
                output,
                ["city", "operator", "owed", "released", "paid", "held", "to"],
                payees.Select(p => (IReadOnlyList<string>)[
                    p.City.ToString(), p.Operator, p.Owed.ToString(), p.Released.ToString(), p.Paid.ToString(), p.Held.ToString(),
                    p.HeldBecause is { } why ? $"suspense ({why})" : $"{p.Account?.Bank} {p.Account?.AccountNumber}"]));
        }

        foreach (var t in report.Terminals ?? [])
        {
            output.WriteLine($"{t.City} terminals on {t.Day:yyyy-MM-dd}: {t.Terminals} tapped, {t.Gaps.Count} gaps, {t.Reused.Count} numbers reused, {t.Silent.Count} silent (citycard terminal report --city {t.City} --day {t.Day:yyyy-MM-dd})");
        }
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);

    public static void TrialBalance(TextWriter output, TrialBalance balance)
    {
        var when = balance.AsOf is { } asOf ? $"as of {ClearingCli.Cst(asOf)} CST" : "now";
        output.WriteLine($"Trial balance of {balance.City}'s ledger {when} (debits {balance.TotalDebits}, credits {balance.TotalCredits}{(balance.IsBalanced ? "" : ", NOT BALANCED")}):");
        TablePrinter.Print(
            output,
            ["account", "name", "debits", "credits", "balance"],
            balance.Lines.Select(l => (IReadOnlyList<string>)[l.Code, l.Name, l.Debits.ToString(), l.Credits.ToString(), l.Balance.ToString()]));
    }

    public static void Windows(TextWriter output, IEnumerable<WindowView> windows) =>
        TablePrinter.Print(
            output,
            ["window", "status", "cut-off (CST)", "close asked", "closed", "settled", "bank reference", "aborted", "reason", "carried into"],
            windows.Select(w => (IReadOnlyList<string>)[
                ClearingCli.Day(w.Window), w.Status.ToString(), ClearingCli.Cst(w.CutOffAt), ClearingCli.Cst(w.CloseRequestedAt), ClearingCli.Cst(w.ClosedAt),
                ClearingCli.Cst(w.SettledAt), w.BankReference ?? "", ClearingCli.Cst(w.AbortedAt), w.AbortReason ?? "", w.CarriedInto is { } into ? ClearingCli.Day(into) : ""]));

    /// <summary>The cards whose postings the clearing house holds (their hash chain broke), if any: an alarm to act on.</summary>
    public static void HeldCards(TextWriter output, IReadOnlyList<HeldCardView> held)
    {
        if (held.Count == 0)
        {
            return;
        }

        output.WriteLine($"HELD: the postings of {held.Count} card(s) are held because their hash chain broke (restore the event, then release the card):");
        TablePrinter.Print(
            output,
            ["card", "event", "type", "operation", "sequence", "break", "held since (CST)", "events held"],
            held.Select(h => (IReadOnlyList<string>)[
                h.Card.Value, h.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), h.EventType, h.OperationId ?? "",
                h.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Kind.ToString(), ClearingCli.Cst(h.HeldAt),
                h.EventsHeld.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
    }

    public static void Operation(TextWriter output, ClearingOperationResponse r) =>
        TablePrinter.Print(
            output,
            ["window", "operation", "outcome", "window status"],
            [[ClearingCli.Day(r.Window.Window), r.OperationId, r.Replay ? $"{r.Status} (replay)" : r.Status.ToString(), r.Window.Status.ToString()]]);
}
