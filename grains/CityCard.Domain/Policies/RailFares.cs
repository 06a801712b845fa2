using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>One urban rail line: its stations at their distance along the line, in metres.</summary>
public sealed record RailLine(string Id, IReadOnlyDictionary<string, long> StationMetres);

/// <summary>A distance band: trips up to <see cref="UpToMetres"/> (and beyond the band before) cost <see cref="Fare"/>.</summary>
public sealed record RailBand(long UpToMetres, Money Fare);

/// <summary>
/// Urban rail, priced by distance bands. The distance between two stations is measured along a line they share,
/// or through one interchange (a station id that appears on two lines); a trip needing two changes has no fare.
/// </summary>
public sealed record RailFares(IReadOnlyList<RailLine> Lines, IReadOnlyList<RailBand> Bands)
{
    public Money HighestFare => Bands.Select(b => b.Fare).DefaultIfEmpty().Max();

    public bool Knows(string station) => Lines.Any(l => l.StationMetres.ContainsKey(station));

    /// <summary>The shortest distance in metres, or null when no path with at most one interchange exists.</summary>
    public long? Distance(string from, string to)
    {
        long? best = null;
        foreach (var a in Lines.Where(l => l.StationMetres.ContainsKey(from)))
        {
            if (a.StationMetres.TryGetValue(to, out var direct))
            {
                best = Shorter(best, Math.Abs(direct - a.StationMetres[from]));
            }

            foreach (var b in Lines.Where(l => l != a && l.StationMetres.ContainsKey(to)))
            {
                foreach (var (interchange, metresOnA) in a.StationMetres)
                {
                    if (b.StationMetres.TryGetValue(interchange, out var metresOnB))
                    {
                        best = Shorter(best, Math.Abs(metresOnA - a.StationMetres[from]) + Math.Abs(b.StationMetres[to] - metresOnB));
                    }
                }
            }
        }

        return best;
    }

    /// <summary>The band a distance falls in, or null when it is beyond the last band.</summary>
    public RailBand? BandFor(long metres) => Bands.FirstOrDefault(b => metres <= b.UpToMetres);

    private static long Shorter(long? best, long candidate) => best is { } b && b <= candidate ? b : candidate;
}
