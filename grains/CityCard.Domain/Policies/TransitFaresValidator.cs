using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>The fare tables of the four transit modes: each entry checked, and every reference between them resolved.</summary>
internal static class TransitFaresValidator
{
    public static BusFares? Bus(PolicyErrors errors, string path, BusDocument doc)
    {
        var before = errors.Count;
        var classes = new Dictionary<string, Money>(StringComparer.Ordinal);
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);

        // A class with a bad fare is still declared, so routes naming it do not add a second, misleading error.
        var declared = new HashSet<string>(StringComparer.Ordinal);
        if (errors.Required($"{path}.routeClasses", doc.RouteClasses) is { } classDocs
            && errors.WithinLimit($"{path}.routeClasses", classDocs, PolicyLimits.MaxRouteClasses))
        {
            for (var i = 0; i < classDocs.Count; i++)
            {
                var at = $"{path}.routeClasses[{i}]";
                if (errors.Required(at, classDocs[i]) is not { } c)
                {
                    continue;
                }

                var id = errors.Id($"{at}.id", c.Id);
                var fare = errors.Fare($"{at}.fare", c.Fare);
                if (id is not null && errors.FirstOf($"{at}.id", declared, id) && fare is not null)
                {
                    classes[id] = fare.Value;
                }
            }
        }

        if (errors.Required($"{path}.routes", doc.Routes) is { } routeDocs
            && errors.WithinLimit($"{path}.routes", routeDocs, PolicyLimits.MaxRoutes))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < routeDocs.Count; i++)
            {
                var at = $"{path}.routes[{i}]";
                if (errors.Required(at, routeDocs[i]) is not { } r || errors.Id($"{at}.id", r.Id) is not { } id)
                {
                    continue;
                }

                if (errors.Id($"{at}.class", r.Class) is { } cls && errors.FirstOf($"{at}.id", seen, id))
                {
                    if (declared.Contains(cls))
                    {
                        routes[id] = cls;
                    }
                    else
                    {
                        errors.Add($"{at}.class", PolicyErrorCode.UnknownRouteClass, $"Route {id} names class '{cls}', which routeClasses does not define.");
                    }
                }
            }
        }

        return errors.Count > before ? null : new BusFares(classes, routes);
    }

    public static CoachFares? Coach(PolicyErrors errors, string path, City city, CoachDocument doc)
    {
        var before = errors.Count;
        var stations = new Dictionary<string, City>(StringComparer.Ordinal);
        if (errors.Required($"{path}.stations", doc.Stations) is { } stationDocs
            && errors.WithinLimit($"{path}.stations", stationDocs, PolicyLimits.MaxCoachStations))
        {
            for (var i = 0; i < stationDocs.Count; i++)
            {
                var at = $"{path}.stations[{i}]";
                if (errors.Required(at, stationDocs[i]) is not { } s)
                {
                    continue;
                }

                var id = errors.Id($"{at}.id", s.Id);
                var stationCity = errors.CityCode($"{at}.city", s.City);
                if (id is not null && errors.FirstOf($"{at}.id", stations, id))
                {
                    // A station with a bad city is still listed, so fares naming it are not also "unknown station".
                    stations[id] = stationCity ?? city;
                }
            }
        }

        var fares = new Dictionary<string, Money>(StringComparer.Ordinal);
        if (errors.Required($"{path}.fares", doc.Fares) is { } fareDocs
            && errors.WithinLimit($"{path}.fares", fareDocs, PolicyLimits.MaxCoachFares))
        {
            for (var i = 0; i < fareDocs.Count; i++)
            {
                var at = $"{path}.fares[{i}]";
                if (errors.Required(at, fareDocs[i]) is not { } f)
                {
                    continue;
                }

                var from = KnownStation(errors, $"{at}.from", f.From, stations);
                var to = KnownStation(errors, $"{at}.to", f.To, stations);
                var fare = errors.Fare($"{at}.fare", f.Fare);
                if (from is null || to is null || fare is null)
                {
                    continue;
                }

                if (from == to)
                {
                    errors.Add(at, PolicyErrorCode.InvalidValue, $"A coach fare joins two different stations, not {from} to itself.");
                }
                else if (stations[from] != city && stations[to] != city)
                {
                    errors.Add(at, PolicyErrorCode.CoachFareOutsideCity, $"Neither {from} nor {to} is in {city}; that fare belongs to another city's policy.");
                }
                else if (errors.FirstOf(at, fares, CoachFares.Key(from, to)))
                {
                    fares[CoachFares.Key(from, to)] = fare.Value;
                }
            }
        }

        return errors.Count > before ? null : new CoachFares(stations, fares);
    }

    public static RailFares? Rail(PolicyErrors errors, string path, RailDocument doc)
    {
        var before = errors.Count;
        var lines = new List<RailLine>();
        if (errors.Required($"{path}.lines", doc.Lines) is { } lineDocs && errors.WithinLimit($"{path}.lines", lineDocs, PolicyLimits.MaxRailLines))
        {
            var lineIds = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < lineDocs.Count; i++)
            {
                var at = $"{path}.lines[{i}]";
                if (errors.Required(at, lineDocs[i]) is { } l && errors.Id($"{at}.id", l.Id) is { } id && errors.FirstOf($"{at}.id", lineIds, id)
                    && RailStations(errors, $"{at}.stations", l.Stations) is { } stations)
                {
                    lines.Add(new RailLine(id, stations));
                }
            }
        }

        var bands = new List<RailBand>();
        if (errors.Required($"{path}.bands", doc.Bands) is { } bandDocs && errors.WithinLimit($"{path}.bands", bandDocs, PolicyLimits.MaxRailBands))
        {
            for (var i = 0; i < bandDocs.Count; i++)
            {
                var at = $"{path}.bands[{i}]";
                if (errors.Required(at, bandDocs[i]) is not { } b)
                {
                    continue;
                }

                var upToMetres = errors.Number($"{at}.upToMetres", b.UpToMetres, 0, PolicyLimits.MaxRailMetres * 2);
                var bandFare = errors.Fare($"{at}.fare", b.Fare);
                if (upToMetres is not { } upTo || bandFare is not { } fare)
                {
                    continue;
                }

                if (bands.Count > 0 && upTo <= bands[^1].UpToMetres)
                {
                    errors.Add($"{at}.upToMetres", PolicyErrorCode.InvalidValue, $"Bands run from the shortest to the longest; {upTo} m does not follow {bands[^1].UpToMetres} m.");
                    continue;
                }

                bands.Add(new RailBand(upTo, fare));
            }

            if (bandDocs.Count == 0)
            {
                errors.Add($"{path}.bands", PolicyErrorCode.MissingField, "Rail needs at least one distance band.");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var rail = new RailFares(lines, bands);
        var longest = LongestTrip(rail);
        if (bands.Count > 0 && longest > bands[^1].UpToMetres)
        {
            errors.Add($"{path}.bands", PolicyErrorCode.RailBandsTooShort, $"The longest trip on the network is {longest} m; the last band ends at {bands[^1].UpToMetres} m.");
            return null;
        }

        return rail;
    }

    public static BikeFares? Bike(PolicyErrors errors, string path, BikeDocument doc)
    {
        var free = errors.Number($"{path}.freeMinutes", doc.FreeMinutes, 0, PolicyLimits.MaxMinutes);
        var period = errors.Number($"{path}.periodMinutes", doc.PeriodMinutes, 1, PolicyLimits.MaxMinutes);
        var fare = errors.Fare($"{path}.periodFare", doc.PeriodFare);
        var ceiling = errors.Amount($"{path}.dailyCeiling", doc.DailyCeiling, Cards.CardLimits.MaxOperationAmount);
        if (free is not { } f || period is not { } p || fare is not { } pf || ceiling is not { } c)
        {
            return null;
        }

        if (c < pf)
        {
            errors.Add($"{path}.dailyCeiling", PolicyErrorCode.CapBelowSingleFare, $"The daily ceiling {c} is below one period's fare {pf}.");
            return null;
        }

        return new BikeFares((int)f, (int)p, pf, c);
    }

    private static string? KnownStation(PolicyErrors errors, string path, string? id, Dictionary<string, City> stations)
    {
        if (errors.Id(path, id) is not { } station)
        {
            return null;
        }

        if (!stations.ContainsKey(station))
        {
            errors.Add(path, PolicyErrorCode.UnknownStation, $"Station '{station}' is not in coach.stations.");
            return null;
        }

        return station;
    }

    private static Dictionary<string, long>? RailStations(PolicyErrors errors, string path, List<RailStationDocument?>? docs)
    {
        if (errors.Required(path, docs) is not { } list || !errors.WithinLimit(path, list, PolicyLimits.MaxRailStations))
        {
            return null;
        }

        var before = errors.Count;
        var stations = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, list[i]) is not { } s)
            {
                continue;
            }

            var id = errors.Id($"{at}.id", s.Id);
            var metres = errors.Number($"{at}.metres", s.Metres, 0, PolicyLimits.MaxRailMetres);
            if (id is not null && metres is not null && errors.FirstOf($"{at}.id", stations, id))
            {
                stations[id] = metres.Value;
            }
        }

        if (list.Count < 2)
        {
            errors.Add(path, PolicyErrorCode.MissingField, "A line has at least two stations.");
        }

        return errors.Count > before ? null : stations;
    }

    /// <summary>The longest priced trip: every pair of stations, by the same distance rule the fares use.</summary>
    private static long LongestTrip(RailFares rail)
    {
        var stations = rail.Lines.SelectMany(l => l.StationMetres.Keys).Distinct(StringComparer.Ordinal).ToList();
        long longest = 0;
        foreach (var a in stations)
        {
            foreach (var b in stations)
            {
                if (rail.Distance(a, b) is { } d && d > longest)
                {
                    longest = d;
                }
            }
        }

        return longest;
    }
}
