using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>What a card was used for; fares and merchant categories both hang off it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Category>))]
public enum Category
{
    Bus = 1,
    Coach = 2,
    Rail = 3,
    Bike = 4,
    Health = 5,
    Retail = 6,
    Hotel = 7,
    Parking = 8,
    ScenicSite = 9,
    Park = 10,
    Library = 11,
    Cinema = 12,
}

/// <summary>Where money was loaded onto a card.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TopUpChannel>))]
public enum TopUpChannel
{
    ServiceDesk = 1,
    Kiosk = 2,
    Online = 3,
    BankAgent = 4,
}

[JsonConverter(typeof(JsonStringEnumConverter<BlockReason>))]
public enum BlockReason
{
    Lost = 1,
    Stolen = 2,
    Fraud = 3,
}

/// <summary>The life of a card. Replaced and Closed are final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CardStatus>))]
public enum CardStatus
{
    NotIssued = 0,
    Active = 1,
    Blocked = 2,

    /// <summary>A replacement card whose number is claimed but whose balance has not yet arrived from the old card.</summary>
    AwaitingReplacementFunds = 3,
    Replaced = 4,
    Closed = 5,
}

/// <summary>How an operation ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationStatus>))]
public enum OperationStatus
{
    /// <summary>Done: its event is in the card's stream.</summary>
    Accepted = 1,

    /// <summary>Refused, and the refusal itself is recorded in the stream (a refused tap), so it can be explained later.</summary>
    Refused = 2,

    /// <summary>Refused without trace: nothing was appended, and a retry is judged afresh.</summary>
    Rejected = 3,
}
