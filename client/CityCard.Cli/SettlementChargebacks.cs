using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>The chargebacks of a settlement, apart from the fares: what upheld disputes made acquirers give back to issuers.</summary>
internal static class SettlementChargebacks
{
    public static void Print(TextWriter output, SettlementReport report)
    {
        if (report.Chargebacks is not { Count: > 0 } chargebacks)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Chargebacks (upheld disputes: the charge's city gives the fare back to the card's issuer):");
        TablePrinter.Print(output, ["from (charge's city)", "to (issuer)", "category", "amount"], chargebacks.Select(c => (IReadOnlyList<string>)[
            c.Acquirer.ToString(), c.Issuer.ToString(), c.Category.ToString(), c.Amount.ToString()]));
        foreach (var payout in report.Operators.Where(o => o.Chargebacks != Money.Zero))
        {
            output.WriteLine($"  {payout.City}'s operator {payout.Merchant} bears {payout.Chargebacks} of it ({payout.Category}).");
        }
    }
}
