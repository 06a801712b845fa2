using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>The four cities of the southern Sichuan card. The code is the first two characters of a card number.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<City>))]
public enum City
{
    /// <summary>Zigong, 自贡.</summary>
    ZG = 1,

    /// <summary>Luzhou, 泸州.</summary>
    LZ = 2,

    /// <summary>Neijiang, 内江.</summary>
    NJ = 3,

    /// <summary>Yibin, 宜宾.</summary>
    YB = 4,
}

/// <summary>Parsing and listing of city codes; an unknown code is never turned into a default city.</summary>
public static class Cities
{
    public static IReadOnlyList<City> All { get; } = [City.ZG, City.LZ, City.NJ, City.YB];

    public static bool TryParse(string? code, out City city)
    {
        city = default;
        if (code is null || code.Length != 2)
        {
            return false;
        }

        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), code, StringComparison.OrdinalIgnoreCase))
            {
                city = candidate;
                return true;
            }
        }

        return false;
    }
}
