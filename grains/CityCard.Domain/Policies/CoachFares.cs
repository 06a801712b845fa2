using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// Long-distance coaches: an origin–destination table between named stations, including stations in the other
/// cities. A fare holds in both directions.
/// </summary>
/// <param name="Stations">Station id → the city it is in.</param>
/// <param name="Fares">Fares keyed by the two station ids in ordinal order (see <see cref="Key"/>).</param>
public sealed record CoachFares(IReadOnlyDictionary<string, City> Stations, IReadOnlyDictionary<string, Money> Fares)
{
    public Money HighestFare => Fares.Values.DefaultIfEmpty().Max();

    /// <summary>The table key of a trip, the same in both directions: "A|B" with A ≤ B.</summary>
    public static string Key(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? $"{a}|{b}" : $"{b}|{a}";

    public bool TryGetFare(string from, string to, out Money fare) => Fares.TryGetValue(Key(from, to), out fare);
}
