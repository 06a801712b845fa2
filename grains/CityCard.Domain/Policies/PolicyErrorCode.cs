namespace CityCard.Domain.Policies;

/// <summary>Every way a policy file can be wrong, by name: tests and operators match on these.</summary>
public enum PolicyErrorCode
{
    /// <summary>One of zg.json, lz.json, nj.json, yb.json, region.json is not there.</summary>
    MissingFile = 1,

    /// <summary>Not JSON, a value of the wrong type, or a field the format does not have (a typo).</summary>
    InvalidJson = 2,

    /// <summary>The file's "city" is not the city its name says.</summary>
    CityMismatch = 3,

    MissingField = 4,

    /// <summary>A value of the right type but not a valid one: a date, a time, a mode name, a product code, an id.</summary>
    InvalidValue = 5,

    /// <summary>More entries than the policy limits allow.</summary>
    TooMany = 6,

    DuplicateId = 7,
    NoVersions = 8,

    /// <summary>Two versions start on the same day, so which one is in force is ambiguous.</summary>
    OverlappingVersions = 9,

    /// <summary>Versions must be listed oldest first.</summary>
    VersionsOutOfOrder = 10,

    NegativeFare = 11,

    /// <summary>A deposit, ceiling, overdraft, cap or discount below zero.</summary>
    NegativeAmount = 12,

    /// <summary>An amount above the system's limits (a fare above 1,000 yuan, a deposit above 500 yuan, …).</summary>
    AboveLimit = 13,

    /// <summary>A cap (or the bike ceiling) lower than a single fare it caps.</summary>
    CapBelowSingleFare = 14,

    SevenDayCapBelowDailyCap = 15,

    /// <summary>A bus route names a route class that is not defined.</summary>
    UnknownRouteClass = 16,

    /// <summary>A fare table names a station that is not listed.</summary>
    UnknownStation = 17,

    /// <summary>A concession or discount names a product the version does not sell.</summary>
    UnknownProduct = 18,

    NotATransitMode = 19,
    NotAMerchantCategory = 20,

    /// <summary>A coach fare between two stations neither of which is in the city.</summary>
    CoachFareOutsideCity = 21,

    /// <summary>The last rail distance band is shorter than the longest trip on the network.</summary>
    RailBandsTooShort = 22,

    /// <summary>A concession must give either a share off or free rides per month, not both, not neither.</summary>
    ConcessionNeedsOneKind = 23,

    /// <summary>
    /// A pass that covers nothing (no modes and no categories), or that counts entries on transit modes (rides on a
    /// pass are unlimited; only merchant entries are counted).
    /// </summary>
    InvalidPassScope = 24,

    /// <summary>A city's pass covers a transit mode the same version does not run.</summary>
    PassModeNotOffered = 25,
}
