using System.Globalization;

namespace CityCard.Gateway.Clearing;

/// <summary>
/// A clearing window as a path names it: its business date, <c>yyyy-MM-dd</c>, nothing else. The years are bounded
/// so that a typo (<c>0026-11-26</c>) is a 400, not a question to the clearing house about a window of antiquity.
/// </summary>
public static class WindowDate
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    public static bool TryParse(string? text, out DateOnly window)
    {
        window = default;
        return text is { Length: 10 }
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out window)
            && window.Year is >= FirstYear and <= LastYear;
    }

    public static string Format(DateOnly window) => window.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
