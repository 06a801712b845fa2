namespace CityCard.Contracts;

// The commands of a dispute case. Each carries the caller's operation id (a retry returns the first outcome; the
// same id with other content is OperationConflict), the city acting and who acted for it. Append new parameters,
// never reorder: their serialization ids follow declaration order.

/// <summary>Base of every dispute command: the operation id, the city acting, and who acted for it.</summary>
[GenerateSerializer, Alias("citycard.dispute-request")]
public abstract record DisputeRequest(string OperationId, City By, string Actor);

/// <summary>
/// The card's issuing city opens a case against one charge (named by its operation id) with the holder's reason and
/// the evidence notes the desk took.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.open-dispute")]
public sealed record OpenDisputeRequest(string OperationId, City By, string Actor, CardNumber Card, string ChargeOperationId, string Reason, string Evidence)
    : DisputeRequest(OperationId, By, Actor);

/// <summary>The charge's city takes the case up, with a note of what it is looking at.</summary>
[GenerateSerializer, Immutable, Alias("citycard.review-dispute")]
public sealed record ReviewDisputeRequest(string OperationId, City By, string Actor, string Note)
    : DisputeRequest(OperationId, By, Actor);

/// <summary>The charge's city upholds the case: the card is refunded <paramref name="Amount"/>, or all that is left of the charge when null.</summary>
[GenerateSerializer, Immutable, Alias("citycard.uphold-dispute")]
public sealed record UpholdDisputeRequest(string OperationId, City By, string Actor, Money? Amount, string Reason)
    : DisputeRequest(OperationId, By, Actor);

/// <summary>The charge's city rejects the case: the charge stands.</summary>
[GenerateSerializer, Immutable, Alias("citycard.reject-dispute")]
public sealed record RejectDisputeRequest(string OperationId, City By, string Actor, string Reason)
    : DisputeRequest(OperationId, By, Actor);
