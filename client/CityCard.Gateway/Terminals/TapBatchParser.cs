using System.Text;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Terminals;

/// <summary>
/// Reads a terminal batch (JSON Lines or CSV) into records, pure and without touching any card. Problems with one
/// record make that record invalid and leave the others alone; only a batch that cannot be read at all (not UTF-8,
/// a bad CSV header, too many records, none) is refused whole.
/// </summary>
public static class TapBatchParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TapBatch Parse(ReadOnlySpan<byte> body, TapBatchFormat format, City acquirer)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return TapBatch.Refused(ProblemCodes.InvalidBody, "A batch is UTF-8 text.");
        }

        var lines = Lines(text).ToList();
        var recordCount = lines.Count - (format == TapBatchFormat.Csv && lines.Count > 0 ? 1 : 0);
        if (recordCount > TapBatchLimits.MaxRecords)
        {
            return TapBatch.Refused(ProblemCodes.BatchTooLarge, $"A batch has at most {TapBatchLimits.MaxRecords} records; this one has {recordCount}. Nothing was processed.");
        }

        if (recordCount <= 0)
        {
            return TapBatch.Refused(ProblemCodes.EmptyBatch, "The batch has no records.");
        }

        return format == TapBatchFormat.Csv ? CsvTapReader.Read(lines, acquirer) : ReadJsonLines(lines, acquirer);
    }

    /// <summary>The non-blank lines with their 1-based line numbers; a trailing '\r' is dropped.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    private static TapBatch ReadJsonLines(List<(int Line, string Text)> lines, City acquirer)
    {
        var records = new List<TapRecord>(lines.Count);
        foreach (var (line, text) in lines)
        {
            var number = records.Count + 1;
            if (text.Length > TapBatchLimits.MaxLineLength)
            {
                records.Add(TapRecord.Invalid(number, line, null, ProblemCodes.RecordTooLong, $"A record is at most {TapBatchLimits.MaxLineLength} characters."));
                continue;
            }

            var parsed = JsonBody.Parse<OfflineTapRecord>(Encoding.UTF8.GetBytes(text));
            records.Add(parsed.Value is { } record
                ? TapRecordBuilder.Build(number, line, record, acquirer)
                : TapRecord.Invalid(number, line, null, parsed.Code!, parsed.Detail!));
        }

        return new TapBatch(records, null, null);
    }
}

public enum TapBatchFormat
{
    JsonLines = 1,
    Csv = 2,
}
