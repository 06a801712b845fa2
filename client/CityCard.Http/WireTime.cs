using System.Globalization;
using System.Text.RegularExpressions;

namespace CityCard.Http;

/// <summary>
/// The one reader of times that come in from outside: JSON bodies and JSON Lines (through the gateway's JSON converter),
/// CSV batches, query strings, and the CLI's options all go through <see cref="TryParse"/>. A time is ISO 8601 with
/// seconds and an explicit offset, <c>2026-11-26T08:05:00+08:00</c> or <c>…Z</c>, up to seven decimals of a second.
/// A time without an offset is refused, never assumed to be UTC or the machine's zone: the same text would be another
/// instant on a server in another zone, and would move caps, transfers and the clearing window. So is a bare date, a
/// time that does not exist (month 13, 24:00, an offset beyond ±14:00), and a year outside 2000–2099.
/// </summary>
public static partial class WireTime
{
    /// <summary>The years a time may name; business before the system or long after it is a typing mistake.</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    /// <summary>The longest well-formed time: <c>2026-11-26T08:05:00.1234567+08:00</c>.</summary>
    public const int MaxLength = 33;

    public const string Example = "2026-11-26T08:05:00+08:00";

    /// <summary>The shape of a time, as a JSON Schema pattern for the OpenAPI document (the reader also checks that it exists).</summary>
    public const string Pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$";

    private const string Expected = "a time is ISO 8601 with seconds and an offset (Z or ±hh:mm), e.g. " + Example;

    /// <summary>
    /// The time, or why not: <paramref name="problem"/> completes a sentence that starts with the field's name
    /// ("'tappedAt' has no offset: …").
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset time, out string problem)
    {
        time = default;
        if (string.IsNullOrEmpty(text))
        {
            problem = $"is empty; {Expected}.";
            return false;
        }

        if (text.Length > MaxLength + 8)
        {
            problem = $"is not a time; {Expected}.";
            return false;
        }

        if (!Complete().IsMatch(text))
        {
            problem = DateOnly().IsMatch(text) ? $"is a date without a time and offset; {Expected}."
                : WithoutOffset().IsMatch(text) ? $"has no offset, so it names a different instant in every time zone; {Expected}."
                : $"is not a time; {Expected}.";
            return false;
        }

        // The shape is checked above; the parse checks that the time exists (month, day, hour, minute, second, offset).
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            problem = $"is not a real time (a month, day, hour, minute, second or offset out of range); {Expected}.";
            return false;
        }

        if (time.Year is < FirstYear or > LastYear)
        {
            problem = $"is outside the years {FirstYear} to {LastYear}.";
            time = default;
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>How the client writes a time into a query string: what <see cref="TryParse"/> reads, to the tick.</summary>
    public static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    // [0-9], not \d: \d also matches other scripts' digits ("２０２６"). \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Complete();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateOnly();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex WithoutOffset();
}
