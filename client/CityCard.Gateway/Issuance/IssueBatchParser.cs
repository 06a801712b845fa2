using System.Text;
using CityCard.Contracts;
using CityCard.Gateway.Http;
using CityCard.Gateway.Terminals;
using static CityCard.Gateway.Issuance.IssueBatchLineCodes;

namespace CityCard.Gateway.Issuance;

/// <summary>
/// Reads a batch file, pure. The file is CSV without quotes, one record a line, the first field saying what the line is:
/// <code>
/// batch,ZG-2027-spring-students
/// product,student
/// channel,School
/// card,ZG0000001230
/// range,ZG0000100008,ZG0000199996
/// </code>
/// <c>batch</c>, <c>product</c> and <c>channel</c> once each (anywhere); then any number of <c>card</c> lines and
/// <c>range</c> lines (first and last card, both included), every card the gateway's city's and each named once.
/// Unlike a terminal batch, a batch file is all or nothing: any bad line refuses the whole file, with every bad line's
/// number and code, and no card is issued.
/// </summary>
public static class IssueBatchParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IssueBatchParse Parse(ReadOnlySpan<byte> body, City issuer)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return IssueBatchParse.Refused(ProblemCodes.InvalidBody, "A batch file is UTF-8 text.");
        }

        var lines = TapBatchParser.Lines(text).ToList();
        if (lines.Count > IssueBatchLimits.MaxRecords + 3)
        {
            return IssueBatchParse.Refused(ProblemCodes.BatchTooLarge, $"A batch file has at most {IssueBatchLimits.MaxRecords} card and range lines; this one has {lines.Count} lines. Nothing was issued.");
        }

        var errors = new List<IssueBatchLineError>();
        var settings = new Dictionary<string, (int Line, string Value)>(StringComparer.Ordinal);
        var ranges = new List<(int Line, CardSerialRange Range)>();
        foreach (var (line, raw) in lines)
        {
            if (raw.Length > IssueBatchLimits.MaxLineLength)
            {
                errors.Add(new(line, RecordTooLong, $"A line is at most {IssueBatchLimits.MaxLineLength} characters."));
                continue;
            }

            var fields = raw.Split(',').Select(f => f.Trim()).ToArray();
            switch (fields[0])
            {
                case "batch" or "product" or "channel" when fields.Length != 2:
                    errors.Add(new(line, MalformedRecord, $"A '{fields[0]}' line has one value: {fields[0]},<value>."));
                    break;
                case "batch" or "product" or "channel" when settings.TryGetValue(fields[0], out var earlier):
                    errors.Add(new(line, DuplicateSetting, $"'{fields[0]}' was already given on line {earlier.Line}."));
                    break;
                case "batch" or "product" or "channel":
                    settings[fields[0]] = (line, fields[1]);
                    break;
                case "card" when fields.Length != 2:
                    errors.Add(new(line, MalformedRecord, "A 'card' line has one card number: card,<number>."));
                    break;
                case "card":
                    if (Card(line, fields[1], issuer, errors) is { } card)
                    {
                        ranges.Add((line, new CardSerialRange(card, card)));
                    }

                    break;
                case "range" when fields.Length != 3:
                    errors.Add(new(line, MalformedRecord, "A 'range' line has its first and last card numbers: range,<first>,<last>."));
                    break;
                case "range":
                    var (first, last) = (Card(line, fields[1], issuer, errors), Card(line, fields[2], issuer, errors));
                    if (first is { } f && last is { } l)
                    {
                        if (l < f)
                        {
                            errors.Add(new(line, InvalidRange, "A range's last card comes after its first."));
                        }
                        else
                        {
                            ranges.Add((line, new CardSerialRange(f, l)));
                        }
                    }

                    break;
                default:
                    errors.Add(new(line, UnknownRecord, $"A line starts with batch, product, channel, card or range, not '{Cut(fields[0])}'."));
                    break;
            }
        }

        var batchId = Setting(settings, "batch", errors);
        var productText = Setting(settings, "product", errors);
        var channelText = Setting(settings, "channel", errors);
        if (batchId is not null && !Identifier.IsValid(batchId, IssueBatchRequest.MaxBatchIdLength))
        {
            errors.Add(new(settings["batch"].Line, InvalidBatchId, $"A batch id is 1 to {IssueBatchRequest.MaxBatchIdLength} {Identifier.Characters}"));
        }

        var product = default(ProductCode);
        if (productText is not null && !ProductCode.TryParse(productText, out product))
        {
            errors.Add(new(settings["product"].Line, UnknownProduct, "A product code is 2 to 24 lower-case letters, digits or '-'."));
        }

        var channel = default(IssueChannel);
        if (channelText is not null && !TryParseChannel(channelText, out channel))
        {
            errors.Add(new(settings["channel"].Line, UnknownChannel, $"The channel is one of {string.Join(", ", Enum.GetNames<IssueChannel>())}."));
        }

        ranges.Sort((a, b) => a.Range.First.CompareTo(b.Range.First));
        for (var i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].Range.First <= ranges[i - 1].Range.Last)
            {
                var (later, earlier) = ranges[i].Line > ranges[i - 1].Line ? (ranges[i].Line, ranges[i - 1].Line) : (ranges[i - 1].Line, ranges[i].Line);
                errors.Add(new(later, DuplicateCard, $"This line names a card that line {earlier} names too."));
            }
        }

        if (errors.Count > 0)
        {
            return new IssueBatchParse(null, ProblemCodes.MalformedBatch, $"{errors.Count} line(s) of the batch file are wrong; nothing was issued.", errors.OrderBy(e => e.Line).ToList());
        }

        var cards = ranges.Sum(r => r.Range.Count);
        if (cards == 0)
        {
            return IssueBatchParse.Refused(ProblemCodes.EmptyBatch, "The batch file names no card.");
        }

        if (cards > IssueBatchLimits.MaxCards)
        {
            return IssueBatchParse.Refused(ProblemCodes.BatchTooLarge, $"A batch issues at most {IssueBatchLimits.MaxCards} cards; this file names {cards}. Nothing was issued.");
        }

        // In the order the file names them: that is the order the cards are issued in.
        var ordered = ranges.OrderBy(r => r.Line).Select(r => r.Range).ToList();
        return new IssueBatchParse(new IssueBatchRequest(batchId!, issuer, product, channel, ordered), null, null, []);
    }

    private static long? Card(int line, string text, City issuer, List<IssueBatchLineError> errors)
    {
        if (!CardNumber.TryParse(text, out var card))
        {
            errors.Add(new(line, MalformedCardNumber, $"'{Cut(text)}' is not a card number (city letters, nine digits, check digit)."));
            return null;
        }

        if (card.Issuer != issuer)
        {
            errors.Add(new(line, CardOfAnotherCity, $"{card} is a card of {card.Issuer}; this gateway issues {issuer}'s cards."));
            return null;
        }

        return CardSerialRange.SerialOf(card);
    }

    private static string? Setting(Dictionary<string, (int Line, string Value)> settings, string name, List<IssueBatchLineError> errors)
    {
        if (settings.TryGetValue(name, out var setting))
        {
            return setting.Value;
        }

        errors.Add(new(0, MissingSetting, $"The file has no '{name}' line."));
        return null;
    }

    /// <summary>Names only: Enum.TryParse would also take "2" or "School,Factory".</summary>
    private static bool TryParseChannel(string text, out IssueChannel channel)
    {
        channel = default;
        var name = Enum.GetNames<IssueChannel>().FirstOrDefault(n => n == text);
        return name is not null && Enum.TryParse(name, out channel);
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] : text;
}

/// <summary>The batch a file asks for, or the problem code (and, for a malformed file, every bad line) that refuses it.</summary>
public sealed record IssueBatchParse(IssueBatchRequest? Batch, string? ProblemCode, string? ProblemDetail, IReadOnlyList<IssueBatchLineError> Errors)
{
    public static IssueBatchParse Refused(string code, string detail) => new(null, code, detail, []);
}
