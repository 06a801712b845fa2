using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>Limits on what a policy file may hold, so a runaway file is refused at start instead of slowing every tap.</summary>
public static class PolicyLimits
{
    public const int MaxFileBytes = 4 * 1024 * 1024;
    public const int MaxVersions = 100;
    public const int MaxProducts = 20;
    public const int MaxPeakWindows = 8;
    public const int MaxRouteClasses = 50;
    public const int MaxRoutes = 5_000;
    public const int MaxCoachStations = 1_000;
    public const int MaxCoachFares = 20_000;
    public const int MaxRailLines = 30;
    public const int MaxRailStations = 500;
    public const int MaxRailBands = 50;
    public const int MaxConcessions = 50;
    public const int MaxMerchantDiscounts = 50;
    public const int MaxPasses = 20;

    /// <summary>No pass runs (or waits for its first use) longer than a leap year.</summary>
    public const int MaxPassDays = 366;

    /// <summary>No pass counts more entries than this.</summary>
    public const int MaxPassEntries = 1_000;
    public const int MaxIdLength = 32;
    public const int MaxNameLength = 100;

    /// <summary>A day: no free period, charging period or transfer window is longer.</summary>
    public const int MaxMinutes = 24 * 60;

    /// <summary>No rail line is longer than 500 km.</summary>
    public const long MaxRailMetres = 500_000;

    /// <summary>10,000 basis points = 100 %.</summary>
    public const int FullBasisPoints = 10_000;

    /// <summary>No product may let one ride take a card further below zero than this (Octopus allows HK$50).</summary>
    public static Money MaxTransitOverdraft { get; } = Money.FromYuan(50);
}
