using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>How a batch of cards reached its holders: recorded with the batch (the card's own event is the same as a single issue's).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IssueChannel>))]
public enum IssueChannel
{
    /// <summary>The card factory's personalisation run.</summary>
    Factory = 1,

    /// <summary>A school term's student cards.</summary>
    School = 2,

    /// <summary>A district's or community's cards (seniors, residents).</summary>
    Community = 3,

    /// <summary>A service desk's stock of cards sold over the counter.</summary>
    ServiceDesk = 4,
}
