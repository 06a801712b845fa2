namespace CityCard.Contracts;

/// <summary>
/// One batch of a city's cards issued in bulk, keyed <c>{city}:{batch id}</c> (<see cref="IssueBatchGrains.Key"/>).
/// <see cref="Start"/> answers at once: the cards are written in the background, chunk by chunk, and
/// <see cref="GetStatus"/> follows them.
/// </summary>
[Alias("citycard.issue-batch")]
public interface IIssueBatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts (or resumes) the batch and says where it stands: Running, or the first run's result when it had
    /// completed, or Rejected (another batch under this id, a product the city does not sell, cards of another city).
    /// </summary>
    [Alias("start")]
    Task<IssueBatchStatus> Start(IssueBatchRequest request);

    [Alias("status")]
    Task<IssueBatchStatus> GetStatus();
}

public static class IssueBatchGrains
{
    public static string Key(City issuer, string batchId) => $"{issuer}:{batchId}";

    public static IIssueBatchGrain IssueBatch(this IGrainFactory grains, City issuer, string batchId) =>
        grains.GetGrain<IIssueBatchGrain>(Key(issuer, batchId));
}
