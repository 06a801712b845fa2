using System.Globalization;
using System.Text.Json;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// Reads a settlement as JSON and as CSV into the same rows (section, parties, flow, merchant, rate, measure, fen), so a
/// test can hold one against the other, and checks what every settlement must satisfy.
/// </summary>
public static class SettlementAgreement
{
    public const string CsvHeader = "window,section,city,counterparty,flow,merchant,rate_bps,measure,fen,yuan";

    public static List<string> RowsOfJson(JsonElement report)
    {
        var window = report.GetProperty("window").GetString();
        var rows = new List<string>();
        void Add(string section, string city, string? other, string flow, string merchant, string rate, string measure, long fen) =>
            rows.Add($"{window},{section},{city},{other},{flow},{merchant},{rate},{measure},{fen}");
        string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;
        long L(JsonElement e, string name) => e.GetProperty(name).GetInt64();

        foreach (var p in report.GetProperty("positions").EnumerateArray())
        {
            Add("position", S(p, "city"), null, "", "", "", "net", L(p, "net"));
        }

        foreach (var b in report.GetProperty("bilateral").EnumerateArray())
        {
            foreach (var m in new[] { "amount", "reversed", "gross" })
            {
                Add("bilateral", S(b, "payer"), S(b, "payee"), S(b, "flow"), "", "", m, L(b, m));
            }
        }

        foreach (var d in report.GetProperty("dues").EnumerateArray())
        {
            foreach (var m in new[] { "gross", "fees", "due" })
            {
                Add("due", S(d, "payer"), S(d, "payee"), "", "", "", m, L(d, m));
            }

            // Disputes' chargebacks: a row only when a window has them, so reports of days without read as before.
            if (d.TryGetProperty("chargebacks", out var cb) && cb.GetInt64() != 0)
            {
                Add("due", S(d, "payer"), S(d, "payee"), "", "", "", "chargebacks", cb.GetInt64());
            }
        }

        if (report.TryGetProperty("chargebacks", out var chargebacks) && chargebacks.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in chargebacks.EnumerateArray())
            {
                Add("chargeback", S(c, "acquirer"), S(c, "issuer"), S(c, "category"), "", "", "amount", L(c, "amount"));
            }
        }

        foreach (var f in report.GetProperty("fees").EnumerateArray())
        {
            var rate = f.GetProperty("rateBps").GetInt32().ToString(CultureInfo.InvariantCulture);
            Add("fee", S(f, "issuer"), S(f, "acquirer"), S(f, "category"), "", rate, "gross", L(f, "gross"));
            Add("fee", S(f, "issuer"), S(f, "acquirer"), S(f, "category"), "", rate, "fee", L(f, "fee"));
        }

        foreach (var t in report.GetProperty("feeTotals").EnumerateArray())
        {
            Add("fee_total", S(t, "city"), null, "", "", "", "income", L(t, "income"));
            Add("fee_total", S(t, "city"), null, "", "", "", "expense", L(t, "expense"));
        }

        foreach (var o in report.GetProperty("operators").EnumerateArray())
        {
            foreach (var m in new[] { "charges", "reversals", "payout" })
            {
                Add("operator", S(o, "city"), null, S(o, "category"), S(o, "merchant"), "", m, L(o, m));
            }

            if (o.TryGetProperty("chargebacks", out var cb) && cb.GetInt64() != 0)
            {
                Add("operator", S(o, "city"), null, S(o, "category"), S(o, "merchant"), "", "chargebacks", cb.GetInt64());
            }
        }

        // Where each operator's money went: to its account, or held and why (reports made since the registry).
        if (report.TryGetProperty("payees", out var payees) && payees.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in payees.EnumerateArray())
            {
                var flow = p.GetProperty("heldBecause").ValueKind == JsonValueKind.String
                    ? $"held:{S(p, "heldBecause")}"
                    : $"{S(p.GetProperty("account"), "bank")} {S(p.GetProperty("account"), "accountNumber")}";
                foreach (var m in new[] { "owed", "released", "paid", "held" })
                {
                    Add("payee", S(p, "city"), null, flow, S(p, "operator"), "", m, L(p, m));
                }
            }
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>The CSV's rows without the yuan column, after checking that yuan is fen / 100 with two decimals.</summary>
    public static List<string> RowsOfCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CsvHeader, lines[0]);
        var rows = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(10, cells.Length);
            var fen = long.Parse(cells[8], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            Assert.Equal(CityCard.Contracts.Money.FromFen(fen).ToString(), cells[9]);
            rows.Add(string.Join(',', cells.Take(9)));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>The report's own invariants: its window, renminbi, and (for the region) four cities' nets summing to zero.</summary>
    public static void IsWellFormed(JsonElement report, DateOnly window, int cities)
    {
        Assert.Equal(window.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.GetProperty("window").GetString());
        Assert.Equal("CNY", report.GetProperty("currency").GetString());
        var positions = report.GetProperty("positions").EnumerateArray().ToList();
        Assert.Equal(cities, positions.Count);
        Assert.All(positions, p => Assert.Equal(JsonValueKind.Number, p.GetProperty("net").ValueKind));
        if (cities == 4)
        {
            Assert.Equal(["LZ", "NJ", "YB", "ZG"], positions.Select(p => p.GetProperty("city").GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(0L, positions.Sum(p => p.GetProperty("net").GetInt64()));
        }
    }
}
