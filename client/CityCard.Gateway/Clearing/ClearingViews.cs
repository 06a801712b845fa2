using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Gateway.Clearing;

/// <summary>
/// The clearing house's status as the gateway shows it. Which silo hosts the clearing house is left out: it is the
/// cluster's business, not a city's.
/// </summary>
public static class ClearingViews
{
    public static ClearingStatusResponse Status(ProjectionStatus s) =>
        new(s.Position, s.Head, s.LagEvents, s.OutstandingGaps, s.Cycles, s.LastCycleAt, s.CurrentWindow, s.IsCaughtUp, s.HeldCards ?? []);

    public static ClearingWindowsResponse Windows(ProjectionStatus s) =>
        new(s.CurrentWindow, s.LagEvents, s.OutstandingGaps, [.. s.UnsettledWindows.OrderBy(w => w.Window)]);
}
