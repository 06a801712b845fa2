namespace CityCard.Contracts;

/// <summary>
/// One dispute case, keyed by its case id, over its own event stream. The issuing city opens it against one charge;
/// the charge's city reviews it and upholds (the card is refunded with a compensating event, and a chargeback between
/// the two cities follows in the next settlement) or rejects it. Nothing is decided on a card stream that does not
/// verify.
/// </summary>
[Alias("citycard.dispute")]
public interface IDisputeGrain : IGrainWithStringKey
{
    [Alias("open")]
    Task<DisputeResult> Open(OpenDisputeRequest request);

    [Alias("review")]
    Task<DisputeResult> Review(ReviewDisputeRequest request);

    [Alias("uphold")]
    Task<DisputeResult> Uphold(UpholdDisputeRequest request);

    [Alias("reject")]
    Task<DisputeResult> Reject(RejectDisputeRequest request);

    /// <summary>The case as it stands, or null when no case has this id.</summary>
    [Alias("get")]
    Task<DisputeCase?> Get();
}

/// <summary>The cases a city is party to (as issuer or as the charge's city). A stateless reader; key: the city code.</summary>
[Alias("citycard.dispute-list")]
public interface IDisputeListGrain : IGrainWithStringKey
{
    /// <summary>At most <paramref name="limit"/> cases after <paramref name="after"/> (case id order), of one status or all.</summary>
    [Alias("list")]
    Task<DisputePage> List(DisputeStatus? status, string? after, int limit);
}
