using System.Globalization;
using System.Text;
using System.Text.Json;
using CityCard.Contracts;

namespace CityCard.Http;

/// <summary>
/// Writes a window's settlement as files a person and a program can read: <c>region.json</c> and <c>region.csv</c>,
/// and one JSON and one CSV per city with what concerns that city, under <c>&lt;directory&gt;/&lt;window&gt;/</c>.
/// JSON amounts are integer fen. The CSV is one measure per row (section, parties, flow, measure, fen, yuan), so a
/// spreadsheet can pivot it and a script can filter it.
/// </summary>
public static class SettlementReportFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<IReadOnlyList<string>> WriteAsync(SettlementReport report, string directory)
    {
        var written = new List<string>();
        foreach (var (name, part) in Cities.All.Select(c => (c.ToString(), ForCity(report, c))).Prepend(("region", report)))
        {
            written.AddRange(await WritePairAsync(part, directory, name));
        }

        return written;
    }

    /// <summary>
    /// Writes one city's statement (the report as <see cref="ForCity"/> restricts it, which is what a city's gateway
    /// serves) as <c>{city}.json</c> and <c>{city}.csv</c> under <c>&lt;directory&gt;/&lt;window&gt;/</c>.
    /// </summary>
    public static Task<IReadOnlyList<string>> WriteStatementAsync(SettlementReport statement, City city, string directory) =>
        WritePairAsync(statement, directory, city.ToString());

    private static async Task<IReadOnlyList<string>> WritePairAsync(SettlementReport part, string directory, string name)
    {
        var folder = Path.Combine(directory, part.Window.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, $"{name}.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(part, Json));
        var csv = Path.Combine(folder, $"{name}.csv");
        await File.WriteAllTextAsync(csv, ToCsv(part));
        return [json, csv];
    }

    /// <summary>The same report restricted to one city: its position, the flows and dues it is party to, its fees and operators.</summary>
    public static SettlementReport ForCity(SettlementReport report, City city) => report with
    {
        Positions = [.. report.Positions.Where(p => p.City == city)],
        Bilateral = [.. report.Bilateral.Where(b => b.Payer == city || b.Payee == city)],
        Dues = [.. report.Dues.Where(d => d.Payer == city || d.Payee == city)],
        Fees = [.. report.Fees.Where(f => f.Issuer == city || f.Acquirer == city)],
        FeeTotals = [.. report.FeeTotals.Where(f => f.City == city)],
        Operators = [.. report.Operators.Where(o => o.City == city)],
        Chargebacks = report.Chargebacks is { } chargebacks ? [.. chargebacks.Where(c => c.Issuer == city || c.Acquirer == city)] : null,
        Payees = report.Payees is { } payees ? [.. payees.Where(p => p.City == city)] : null,
        Terminals = report.Terminals is { } terminals ? [.. terminals.Where(t => t.City == city)] : null,
    };

    /// <summary>The report with every settlement account masked: what everyone but the clearing role is shown.</summary>
    public static SettlementReport WithAccountsMasked(SettlementReport report) => report with
    {
        Operators = [.. report.Operators.Select(o => o with { Account = o.Account?.Masked() })],
        Payees = report.Payees is { } payees ? [.. payees.Select(p => p with { Account = p.Account?.Masked() })] : null,
    };

    public static string ToCsv(SettlementReport report)
    {
        var csv = new StringBuilder("window,section,city,counterparty,flow,merchant,rate_bps,measure,fen,yuan\n");
        var window = report.Window.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        void Row(string section, City city, City? other, string flow, string merchant, int? rate, string measure, Money amount) =>
            csv.Append(CultureInfo.InvariantCulture, $"{window},{section},{city},{other},{Cell(flow)},{Cell(merchant)},{rate},{measure},{amount.Fen},{amount}\n");

        foreach (var p in report.Positions)
        {
            Row("position", p.City, null, "", "", null, "net", p.Net);
        }

        foreach (var b in report.Bilateral)
        {
            Row("bilateral", b.Payer, b.Payee, b.Flow, "", null, "amount", b.Amount);
            Row("bilateral", b.Payer, b.Payee, b.Flow, "", null, "reversed", b.Reversed);
            Row("bilateral", b.Payer, b.Payee, b.Flow, "", null, "gross", b.Gross);
        }

        foreach (var d in report.Dues)
        {
            Row("due", d.Payer, d.Payee, "", "", null, "gross", d.Gross);
            Row("due", d.Payer, d.Payee, "", "", null, "fees", d.Fees);
            if (d.Chargebacks != Money.Zero)
            {
                Row("due", d.Payer, d.Payee, "", "", null, "chargebacks", d.Chargebacks);
            }

            Row("due", d.Payer, d.Payee, "", "", null, "due", d.Due);
        }

        // Rows only when a window has them, so that reports of days without disputes read as before.
        foreach (var c in report.Chargebacks ?? [])
        {
            Row("chargeback", c.Acquirer, c.Issuer, c.Category.ToString(), "", null, "amount", c.Amount);
        }

        foreach (var f in report.Fees)
        {
            Row("fee", f.Issuer, f.Acquirer, f.Category.ToString(), "", f.RateBps, "gross", f.Gross);
            Row("fee", f.Issuer, f.Acquirer, f.Category.ToString(), "", f.RateBps, "fee", f.Fee);
        }

        foreach (var t in report.FeeTotals)
        {
            Row("fee_total", t.City, null, "", "", null, "income", t.Income);
            Row("fee_total", t.City, null, "", "", null, "expense", t.Expense);
        }

        foreach (var o in report.Operators)
        {
            Row("operator", o.City, null, o.Category.ToString(), o.Merchant, null, "charges", o.Charges);
            Row("operator", o.City, null, o.Category.ToString(), o.Merchant, null, "reversals", o.Reversals);
            if (o.Chargebacks != Money.Zero)
            {
                Row("operator", o.City, null, o.Category.ToString(), o.Merchant, null, "chargebacks", o.Chargebacks);
            }

            Row("operator", o.City, null, o.Category.ToString(), o.Merchant, null, "payout", o.Payout);
        }

        // Where each operator's money went (reports made since the registry): flow names the account, or why it is held.
        foreach (var p in report.Payees ?? [])
        {
            var flow = p.HeldBecause is { } why ? $"held:{why}" : $"{p.Account?.Bank} {p.Account?.AccountNumber}";
            Row("payee", p.City, null, flow, p.Operator, null, "owed", p.Owed);
            Row("payee", p.City, null, flow, p.Operator, null, "released", p.Released);
            Row("payee", p.City, null, flow, p.Operator, null, "paid", p.Paid);
            Row("payee", p.City, null, flow, p.Operator, null, "held", p.Held);
        }

        return csv.ToString();
    }

    private static string Cell(string text) =>
        text.AsSpan().IndexOfAny(",\"\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
