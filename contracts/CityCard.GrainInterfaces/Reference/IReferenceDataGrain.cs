namespace CityCard.Contracts;

/// <summary>
/// A city's reference data from the policy in force (the silo holds the policies; gateways do not read policy
/// files). A stateless worker keyed by the city's code: any silo answers.
/// </summary>
[Alias("citycard.reference-data")]
public interface IReferenceDataGrain : IGrainWithStringKey
{
    /// <summary>The reference data of the policy in force at <paramref name="at"/>, or null when none is.</summary>
    [Alias("get")]
    Task<CityReference?> Get(DateTimeOffset at);
}
