using CityCard.Contracts;
using CsCheck;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>
/// Random tap histories for the property tests: a card of a random city and product, and up to 40 rides over a few
/// days (by default 2026-11-17 to 11-22, across Luzhou's 2026-11-20 change) in all four cities, each mode, arriving
/// in a random order. Few days and many rides, so that caps, transfers and late taps meet often. Rides are drawn from
/// routes and stations that exist in the repository's policy files.
/// </summary>
public sealed record TapHistory(City Issuer, string Product, IReadOnlyList<ChargeRequest> Arrivals)
{
    public static readonly DateOnly FirstDay = new(2026, 11, 17);

    private static readonly (City City, Category Mode, string? Route, string? From, string? To)[] Templates =
    [
        (City.ZG, Category.Bus, "ZG-1", null, null), (City.ZG, Category.Bus, "ZG-35", null, null), (City.ZG, Category.Bus, "ZG-3", null, null),
        (City.ZG, Category.Coach, null, "ZG-CS", "YB-CS"), (City.ZG, Category.Bike, null, null, null),
        (City.LZ, Category.Bus, "LZ-1", null, null), (City.LZ, Category.Bus, "LZ-K2", null, null), (City.LZ, Category.Bike, null, null, null),
        (City.LZ, Category.Coach, null, "LZ-CS", "ZG-CS"),
        (City.NJ, Category.Bus, "NJ-2", null, null), (City.NJ, Category.Bus, "NJ-R1", null, null), (City.NJ, Category.Coach, null, "NJ-CS", "YB-CS"),
        (City.YB, Category.Bus, "YB-4", null, null), (City.YB, Category.Bus, "YB-K3", null, null), (City.YB, Category.Rail, null, "YB-GT", "YB-XZ"),
        (City.YB, Category.Rail, null, "YB-ZY", "YB-LY"), (City.YB, Category.Rail, null, "YB-DJ", "YB-SQ"), (City.YB, Category.Bike, null, null, null),
    ];

    private static readonly Dictionary<City, string[]> Products = new()
    {
        [City.ZG] = ["standard", "student", "senior", "disabled", "employee"],
        [City.LZ] = ["standard", "student", "senior", "employee"],
        [City.NJ] = ["standard", "student", "senior", "disabled"],
        [City.YB] = ["standard", "student", "senior", "employee"],
    };

    /// <summary>Rides over <paramref name="days"/> days from <see cref="FirstDay"/>.</summary>
    public static Gen<TapHistory> Gen(int days = 6, int maxTaps = 40) =>
        CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, 3],
            CsCheck.Gen.Int[0, 4],
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, Templates.Length - 1], CsCheck.Gen.Int[0, days - 1], CsCheck.Gen.Int[6 * 60, 23 * 60], CsCheck.Gen.Int[5, 240], CsCheck.Gen.Int)
                .Array[1, maxTaps],
            (issuer, product, taps) =>
            {
                var city = Cities.All[issuer];
                var arrivals = taps
                    .Select((t, i) => (Tap: Tap(Templates[t.Item1], FirstDay.AddDays(t.Item2), t.Item3, t.Item4, i), Key: t.Item5, Index: i))
                    .OrderBy(x => x.Key).ThenBy(x => x.Index)
                    .Select(x => x.Tap)
                    .ToList();
                return new TapHistory(city, Products[city][product % Products[city].Length], arrivals);
            });

    /// <summary>The same taps in the order the rides happened: what "everything arrived on time" means.</summary>
    public IReadOnlyList<ChargeRequest> InRideOrder =>
        Arrivals.OrderBy(t => t.TappedAt.UtcTicks).ThenBy(t => t.TerminalId, StringComparer.Ordinal).ThenBy(t => t.TerminalSequence)
            .ThenBy(t => t.OperationId, StringComparer.Ordinal).ToList();

    public override string ToString() =>
        $"{Issuer} {Product}: " + string.Join("; ", Arrivals.Select(t => $"{t.OperationId} {t.AcquirerCity} {t.Category} {t.Ride!.Route ?? $"{t.Ride.FromStation}>{t.Ride.ToStation}"} {t.TappedAt.ToChinaTime():MM-dd HH:mm}"));

    private static ChargeRequest Tap((City City, Category Mode, string? Route, string? From, string? To) template, DateOnly day, int minute, int duration, int index)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).AddMinutes(minute);
        var ride = template.Mode switch
        {
            Category.Bus => RideDetails.Bus(template.Route!),
            Category.Coach => RideDetails.Coach(template.From!, template.To!),
            Category.Rail => RideDetails.Rail(template.From!, template.To!, at.AddMinutes(duration / 4)),
            _ => RideDetails.Bike(at.AddMinutes(duration)),
        };
        return ChargeRequest.ForRide($"ride-{index:D2}", template.City, $"{template.City}-{template.Mode}", template.Mode, $"{template.City}-T1", index, at, ride);
    }
}
