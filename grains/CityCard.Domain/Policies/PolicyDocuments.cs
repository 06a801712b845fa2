namespace CityCard.Domain.Policies;

// The policy files as written: every field nullable and every enum, date and time a string, so that the validator,
// not the JSON reader, says what is missing or wrong, all of it at once, with the path. Amounts are integer fen,
// shares are basis points (10,000 = 100 %), distances metres, times "HH:mm" CST, dates "yyyy-MM-dd" CST.

public sealed record CityPolicyDocument
{
    public string? City { get; init; }

    public string? Brand { get; init; }

    public List<PolicyVersionDocument?>? Versions { get; init; }
}

public sealed record PolicyVersionDocument
{
    public string? EffectiveFrom { get; init; }

    /// <summary>Free text for people reading the file: what changed and why.</summary>
    public string? Note { get; init; }

    public List<ProductDocument?>? Products { get; init; }

    public List<TimeWindowDocument?>? PeakHours { get; init; }

    public BusDocument? Bus { get; init; }

    public CoachDocument? Coach { get; init; }

    public RailDocument? Rail { get; init; }

    public BikeDocument? Bike { get; init; }

    public List<MerchantDiscountDocument?>? MerchantDiscounts { get; init; }

    public List<ConcessionDocument?>? Concessions { get; init; }

    public TransferDocument? Transfer { get; init; }

    public CapsDocument? Caps { get; init; }

    public List<PassDocument?>? Passes { get; init; }
}

public sealed record ProductDocument
{
    public string? Code { get; init; }

    public string? Name { get; init; }

    public long? Deposit { get; init; }

    public long? BalanceCeiling { get; init; }

    public long? TransitOverdraft { get; init; }
}

public sealed record TimeWindowDocument
{
    public string? From { get; init; }

    public string? To { get; init; }
}

public sealed record BusDocument
{
    public List<RouteClassDocument?>? RouteClasses { get; init; }

    public List<RouteDocument?>? Routes { get; init; }
}

public sealed record RouteClassDocument
{
    public string? Id { get; init; }

    public long? Fare { get; init; }
}

public sealed record RouteDocument
{
    public string? Id { get; init; }

    public string? Class { get; init; }
}

public sealed record CoachDocument
{
    public List<CoachStationDocument?>? Stations { get; init; }

    public List<CoachFareDocument?>? Fares { get; init; }
}

public sealed record CoachStationDocument
{
    public string? Id { get; init; }

    public string? City { get; init; }

    public string? Name { get; init; }
}

public sealed record CoachFareDocument
{
    public string? From { get; init; }

    public string? To { get; init; }

    public long? Fare { get; init; }
}

public sealed record RailDocument
{
    public List<RailLineDocument?>? Lines { get; init; }

    public List<RailBandDocument?>? Bands { get; init; }
}

public sealed record RailLineDocument
{
    public string? Id { get; init; }

    public List<RailStationDocument?>? Stations { get; init; }
}

public sealed record RailStationDocument
{
    public string? Id { get; init; }

    public long? Metres { get; init; }
}

public sealed record RailBandDocument
{
    public long? UpToMetres { get; init; }

    public long? Fare { get; init; }
}

public sealed record BikeDocument
{
    public long? FreeMinutes { get; init; }

    public long? PeriodMinutes { get; init; }

    public long? PeriodFare { get; init; }

    public long? DailyCeiling { get; init; }
}

public sealed record MerchantDiscountDocument
{
    public string? Id { get; init; }

    public List<string?>? Categories { get; init; }

    public List<string?>? Products { get; init; }

    public long? BasisPointsOff { get; init; }

    public bool? AppliesToOtherCitiesCards { get; init; }
}

public sealed record ConcessionDocument
{
    public string? Id { get; init; }

    public List<string?>? Products { get; init; }

    public List<string?>? Modes { get; init; }

    public long? BasisPointsOff { get; init; }

    public long? FreeRidesPerMonth { get; init; }

    public bool? OffPeakOnly { get; init; }

    public bool? AppliesToOtherCitiesCards { get; init; }
}

public sealed record TransferDocument
{
    public long? WindowMinutes { get; init; }

    public List<string?>? Modes { get; init; }

    public long? BasisPointsOff { get; init; }

    public long? MaxDiscount { get; init; }
}

public sealed record CapsDocument
{
    public List<string?>? Modes { get; init; }

    public long? Daily { get; init; }

    public long? SevenDay { get; init; }
}

public sealed record RegionPolicyDocument
{
    public List<RegionVersionDocument?>? Versions { get; init; }
}

public sealed record RegionVersionDocument
{
    public string? EffectiveFrom { get; init; }

    public string? Note { get; init; }

    public long? DailyCap { get; init; }

    public List<PassDocument?>? Passes { get; init; }
}

/// <summary>
/// A pass product. In a city's file it covers that city (no <c>cities</c>); in region.json it names its cities and
/// its prices apply to every card of the region (no <c>appliesToOtherCitiesCards</c>).
/// </summary>
public sealed record PassDocument
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>CalendarMonth, DaysFromSale or DaysFromFirstUse.</summary>
    public string? Validity { get; init; }

    public long? Days { get; init; }

    public long? ActivateWithinDays { get; init; }

    public List<string?>? Cities { get; init; }

    public List<string?>? Modes { get; init; }

    public List<string?>? Categories { get; init; }

    public long? Entries { get; init; }

    public List<PassPriceDocument?>? Prices { get; init; }

    public long? RefundFee { get; init; }
}

public sealed record PassPriceDocument
{
    public string? Product { get; init; }

    public long? Price { get; init; }

    public bool? AppliesToOtherCitiesCards { get; init; }
}
