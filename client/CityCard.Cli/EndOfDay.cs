using System.Globalization;
using CityCard.Client;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// Ends a business day at the clearing house: it catches up with the card events, the window is closed (early if its
/// cut-off has not come: the demonstration cannot wait for midnight), its settlement is printed and written as
/// reports, and, given a bank reference, the settlement bank's confirmation is recorded (and retried, to show the
/// retry changes nothing).
/// </summary>
internal sealed class EndOfDay(SettlementClient clearing, TextWriter output, string? reportDirectory, string? bankReference)
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public async Task RunAsync(DateOnly? day)
    {
        output.WriteLine();
        output.WriteLine("== Settlement: the clearing house ends the business day ==");
        var status = await clearing.CatchUpAsync();
        output.WriteLine($"Projection at event {status.Position} of {status.Head} (lag {status.LagEvents}, gaps {status.OutstandingGaps}); current window {status.CurrentWindow:yyyy-MM-dd}");

        var window = day ?? status.CurrentWindow;
        var closed = await CloseAsync(window);
        output.WriteLine($"Close window {window:yyyy-MM-dd}: {closed.Status}{(closed.Rejection is { } r ? $" ({r}: {closed.Detail})" : string.Empty)}");
        var report = closed.IsAccepted ? await clearing.WaitForSettlementAsync(window, TimeSpan.FromSeconds(60)) : null;
        if (report is null)
        {
            throw new InvalidOperationException($"Window {window} did not close.");
        }

        PrintSettlement(report);
        if (reportDirectory is not null)
        {
            var files = await SettlementReportFiles.WriteAsync(report, reportDirectory);
            output.WriteLine();
            output.WriteLine($"Reports written: {string.Join(", ", files.Select(Path.GetFileName))} in {Path.GetDirectoryName(files[0])}");
        }

        if (bankReference is null)
        {
            return;
        }

        var confirmation = new ConfirmSettlementRequest($"end-of-day-{run}-settle", window, bankReference);
        var settled = await clearing.ConfirmSettlementAsync(confirmation);
        var again = await clearing.ConfirmSettlementAsync(confirmation);
        output.WriteLine();
        output.WriteLine($"Settlement bank confirms {confirmation.BankReference}: {settled.Status}, window {settled.Window?.Status}; the bank's retry: {again.Status}{(again.IsReplay ? " (replay)" : string.Empty)}");
        await PrintTrialBalance(City.ZG);
    }

    /// <summary>Windows close in date order; an earlier one still closing by itself (after its cut-off) is waited for.</summary>
    private async Task<ClearingOperationResult> CloseAsync(DateOnly window)
    {
        var request = new CloseWindowRequest($"end-of-day-{run}-close", window);
        for (var attempt = 1; ; attempt++)
        {
            var result = await clearing.CloseWindowAsync(request);
            if (result.Rejection != ClearingRejection.EarlierWindowOpen || attempt == 10)
            {
                return result;
            }

            await clearing.CatchUpAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private void PrintSettlement(SettlementReport report)
    {
        output.WriteLine();
        output.WriteLine($"Settlement of {report.Window:yyyy-MM-dd} ({report.Currency}), cut-off {report.CutOffAt.ToChinaTime():HH:mm:ss} CST, {report.LateEntries} late entries");
        TablePrinter.Print(
            output,
            ["city", "net position", "", "fee income", "fee expense"],
            report.Positions.Select(p =>
            {
                var fees = report.FeeTotals.Single(f => f.City == p.City);
                return (IReadOnlyList<string>)[p.City.ToString(), p.Net.ToString(), p.Net.IsPositive ? "receives" : p.Net.IsNegative ? "pays" : "", fees.Income.ToString(), fees.Expense.ToString()];
            }));
        var sum = report.Positions.Aggregate(Money.Zero, (s, p) => s + p.Net);
        output.WriteLine($"Nets sum to {sum}.");

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
    }

    private async Task PrintTrialBalance(City city)
    {
        var balance = await clearing.GetTrialBalanceAsync(city);
        output.WriteLine();
        output.WriteLine($"Trial balance of {city}'s ledger (debits {balance.TotalDebits}, credits {balance.TotalCredits}):");
        TablePrinter.Print(
            output,
            ["account", "name", "debits", "credits", "balance"],
            balance.Lines.Select(l => (IReadOnlyList<string>)[l.Code, l.Name, l.Debits.ToString(), l.Credits.ToString(), l.Balance.ToString()]));
    }
}
