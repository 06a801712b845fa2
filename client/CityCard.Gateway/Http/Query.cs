using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CityCard.Http;

namespace CityCard.Gateway.Http;

/// <summary>Strict parsing of query parameters; a parameter given but malformed is an error, never ignored.</summary>
public static class Query
{
    /// <summary>
    /// A time parameter (<c>asOf</c>) through the one reader of times, <see cref="WireTime"/>: absent is null and true;
    /// given but not a time with an explicit offset is 400 <c>InvalidTime</c>, the code a bad time gets on every path.
    /// </summary>
    public static bool TryParseTime(string? text, string name, out DateTimeOffset? time, [NotNullWhen(false)] out IResult? problem)
    {
        time = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        // An unencoded '+' in a query string arrives as a space ("…T08:00:00 08:00"); no time has a space otherwise.
        if (!WireTime.TryParse(text.Replace(' ', '+'), out var parsed, out var why))
        {
            problem = Problems.Gateway(ProblemCodes.InvalidTime, $"'{name}' {why}");
            return false;
        }

        time = parsed;
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
