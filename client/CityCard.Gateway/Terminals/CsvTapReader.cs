using System.Globalization;
using nietras.SeparatedValues;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Terminals;

/// <summary>
/// CSV batches: a header line naming the columns (any order), then one tap per line. A ride's fields are columns of
/// their own (<c>route</c>, <c>fromStation</c>, <c>toStation</c>, <c>endedAt</c>); an empty field is an absent one, so a
/// file mixing rides (no amount) and purchases (no ride) has every column and leaves the other kind's empty.
/// Every field is an identifier, a number, a name or an ISO time, none of which holds a comma, so fields are never
/// quoted and a quote makes the record invalid rather than being guessed at. Sep splits the fields; what a line is
/// (and its number) is <see cref="TapBatchParser.Lines"/>'s, the same for CSV and JSON Lines.
/// </summary>
public static class CsvTapReader
{
    /// <summary>
    /// Sep ends a row at a bare carriage return too; a line here ends only at '\n' (one '\r' before it dropped), so a
    /// carriage return inside a line is handed to Sep as a lone surrogate, which strict UTF-8 decoding never yields,
    /// and put back into the fields.
    /// </summary>
    private const char HiddenCarriageReturn = '\uD800';

    private static readonly SepReaderOptions Options = Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        DisableQuotesParsing = true,
    });

    public static IReadOnlyList<string> Columns { get; } =
        ["card", "amount", "merchantId", "category", "terminalId", "terminalSequence", "tappedAt", "operationId", "route", "fromStation", "toStation", "endedAt"];

    public static IReadOnlyList<string> RequiredColumns { get; } =
        ["card", "merchantId", "category", "terminalId", "terminalSequence", "tappedAt"];

    /// <param name="lines">The batch's non-blank lines with their numbers; the first is the header.</param>
    public static TapBatch Read(List<(int Line, string Text)> lines, City acquirer)
    {
        using var reader = Options.FromText(string.Join('\n', lines.Select(l => l.Text.Replace('\r', HiddenCarriageReturn))));
        List<string>? header = null;
        var records = new List<TapRecord>(lines.Count - 1);
        foreach (var row in reader)
        {
            var fields = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                fields.Add(row[i].ToString().Replace(HiddenCarriageReturn, '\r').Trim());
            }

            if (header is null)
            {
                if (CheckHeader(fields) is { } refused)
                {
                    return refused;
                }

                header = fields;
                continue;
            }

            var (line, text) = lines[records.Count + 1];
            records.Add(ReadRecord(records.Count + 1, line, text, fields, header, acquirer));
        }

        return new TapBatch(records, null, null);
    }

    private static TapBatch? CheckHeader(List<string> header)
    {
        foreach (var column in header)
        {
            if (!Columns.Contains(column, StringComparer.Ordinal))
            {
                return TapBatch.Refused(ProblemCodes.UnknownField, $"'{Cut(column)}' is not a column; the columns are {string.Join(",", Columns)}.");
            }
        }

        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            return TapBatch.Refused(ProblemCodes.InvalidBody, "A column is named twice in the header.");
        }

        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        return missing.Count > 0 ? TapBatch.Refused(ProblemCodes.MissingField, $"The header lacks {string.Join(", ", missing)}.") : null;
    }

    private static TapRecord ReadRecord(int number, int line, string text, List<string> fields, List<string> header, City acquirer)
    {
        if (text.Length > TapBatchLimits.MaxLineLength)
        {
            return TapRecord.Invalid(number, line, null, ProblemCodes.RecordTooLong, $"A record is at most {TapBatchLimits.MaxLineLength} characters.");
        }

        if (text.Contains('"', StringComparison.Ordinal))
        {
            return TapRecord.Invalid(number, line, null, ProblemCodes.MalformedRecord, "CSV fields are never quoted.");
        }

        if (fields.Count != header.Count)
        {
            return TapRecord.Invalid(number, line, null, ProblemCodes.MalformedRecord, $"The record has {fields.Count} fields; the header names {header.Count}.");
        }

        var row = header.Zip(fields).Where(p => p.Second.Length > 0).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var card = row.GetValueOrDefault("card") ?? string.Empty;
        long? amount = null;
        if (row.TryGetValue("amount", out var amountText))
        {
            if (!long.TryParse(amountText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fen))
            {
                return Bad(number, line, card, "amount", "an integer number of fen");
            }

            amount = fen;
        }

        DateTimeOffset? endedAt = null;
        if (row.TryGetValue("endedAt", out var endedText))
        {
            if (!WireTime.TryParse(endedText, out var ended, out var why))
            {
                return BadTime(number, line, card, "endedAt", why);
            }

            endedAt = ended;
        }

        if (!TryParseName<Category>(row.GetValueOrDefault("category") ?? string.Empty, out var category))
        {
            return Bad(number, line, card, "category", $"one of {string.Join(", ", Enum.GetNames<Category>())}");
        }

        if (!long.TryParse(row.GetValueOrDefault("terminalSequence"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence))
        {
            return Bad(number, line, card, "terminalSequence", "an integer");
        }

        if (!WireTime.TryParse(row.GetValueOrDefault("tappedAt"), out var tappedAt, out var whyNot))
        {
            return BadTime(number, line, card, "tappedAt", whyNot);
        }

        var record = new OfflineTapRecord
        {
            Card = card,
            Amount = amount,
            MerchantId = row.GetValueOrDefault("merchantId") ?? string.Empty,
            Category = category,
            TerminalId = row.GetValueOrDefault("terminalId") ?? string.Empty,
            TerminalSequence = sequence,
            TappedAt = tappedAt,
            OperationId = row.GetValueOrDefault("operationId"),
            Ride = Ride(row, endedAt),
        };
        return TapRecordBuilder.Build(number, line, record, acquirer);
    }

    private static RideBody? Ride(Dictionary<string, string> row, DateTimeOffset? endedAt)
    {
        var (route, from, to) = (row.GetValueOrDefault("route"), row.GetValueOrDefault("fromStation"), row.GetValueOrDefault("toStation"));
        return route is null && from is null && to is null && endedAt is null
            ? null
            : new RideBody { Route = route, FromStation = from, ToStation = to, EndedAt = endedAt };
    }

    /// <summary>Enum names only: Enum.TryParse would also take "7" or "Bus,Rail".</summary>
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        value = default;
        var name = Enum.GetNames<T>().FirstOrDefault(n => n == text);
        return name is not null && Enum.TryParse(name, out value);
    }

    private static TapRecord Bad(int number, int line, string card, string field, string expected) =>
        TapRecord.Invalid(number, line, card, ProblemCodes.InvalidField, $"'{field}' must be {expected}.");

    /// <summary>The code a bad time gets on every path, with the one reader's reason.</summary>
    private static TapRecord BadTime(int number, int line, string card, string field, string why) =>
        TapRecord.Invalid(number, line, card, ProblemCodes.InvalidTime, $"'{field}' {why}");

    private static string Cut(string text) => text.Length > 40 ? text[..40] : text;
}
