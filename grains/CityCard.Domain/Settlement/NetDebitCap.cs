using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>A city whose running net position in an open window has just gone below minus its cap.</summary>
public sealed record NetDebitCapCrossing(DateOnly Window, City City, Money Net, Money Cap);

/// <summary>
/// The optional net debit cap per city (Mojaloop's name): how much a city may owe the others within one window before
/// clearing staff are warned. A warning, not a refusal: the taps have already happened.
/// </summary>
public static class NetDebitCap
{
    /// <summary>Cities that were within their cap before and are beyond it now; a city already beyond it is not warned again.</summary>
    public static IEnumerable<NetDebitCapCrossing> Crossings(
        DateOnly window,
        IReadOnlyDictionary<City, Money> before,
        IReadOnlyDictionary<City, Money> after,
        IReadOnlyDictionary<City, Money> caps)
    {
        foreach (var (city, cap) in caps)
        {
            var now = after.GetValueOrDefault(city);
            if (now < -cap && !(before.GetValueOrDefault(city) < -cap))
            {
                yield return new NetDebitCapCrossing(window, city, now, cap);
            }
        }
    }
}
