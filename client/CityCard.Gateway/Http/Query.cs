using System.Globalization;

namespace CityCard.Gateway.Http;

/// <summary>Strict parsing of query parameters; a parameter given but malformed is an error, never ignored.</summary>
public static class Query
{
    private static readonly string[] MomentFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>An ISO 8601 instant with an offset or Z; a bare local time is ambiguous between zones, so refused.</summary>
    public static bool TryParseMoment(string? text, out DateTimeOffset? moment)
    {
        moment = null;
        if (text is null)
        {
            return true;
        }

        // An unencoded '+' in a query string arrives as a space.
        var candidate = text.Replace(' ', '+');
        if (candidate.Length > 40 || !DateTimeOffset.TryParseExact(candidate, MomentFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        moment = parsed;
        return true;
    }

    public static bool TryParseInt(string? text, int min, int max, out int? value)
    {
        var ok = TryParseLong(text, min, max, out var wide);
        value = (int?)wide;
        return ok;
    }

    public static bool TryParseLong(string? text, long min, long max, out long? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (text.Length > 20 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
