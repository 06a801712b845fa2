using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>What the clearing commands share: the gateway to go through, moments, keys, and failures as one line.</summary>
internal static class ClearingCli
{
    /// <summary>The region's clearing key works at every gateway; without --city the commands use Zigong's.</summary>
    public const string DefaultCity = "ZG";

    public static bool TryCity(string? text, out City city) => Cities.TryParse(text ?? DefaultCity, out city);

    /// <summary>A moment as the gateways read it (<see cref="WireTime"/>): a time without an offset is refused, never read in this
    /// machine's zone. Absent: null, and true.</summary>
    public static bool TryMoment(string? text, out DateTimeOffset? moment)
    {
        moment = null;
        if (text is null)
        {
            return true;
        }

        if (!WireTime.TryParse(text, out var parsed, out _))
        {
            return false;
        }

        moment = parsed;
        return true;
    }

    /// <summary>A window as the gateways name it: its business date, yyyy-MM-dd (absent: null, and true).</summary>
    public static bool TryWindow(string? text, out DateOnly? window)
    {
        window = null;
        if (text is null)
        {
            return true;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        window = ok ? parsed : null;
        return ok;
    }

    public static string Key(string? given, string what) => given ?? $"cli-{what}-{Guid.NewGuid():N}";

    public static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    /// <summary>The value, or a failure the CLI prints as one line (exit 1): for steps a longer command cannot go on without.</summary>
    public static T Require<T>(GatewayResult<T> result, string step)
        where T : class =>
        result.Value ?? throw new InvalidOperationException($"{step}: refused: {result.Problem}");

    public static string Day(DateOnly window) => window.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Cst(DateTimeOffset? at) => at?.ToChinaTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
}
