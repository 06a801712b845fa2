using CityCard.Contracts;
using CityCard.Domain.Disputes;

namespace CityCard.Grains.Disputes;

/// <summary>The only way the dispute grains reach their tables.</summary>
public interface IDisputeStore
{
    Task<IReadOnlyList<DisputeEvent>> LoadAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="events"/> after <paramref name="expectedVersion"/> and updates the case's line in the
    /// list to <paramref name="after"/>, in one transaction. False when another writer got to that version first.
    /// </summary>
    Task<bool> AppendAsync(string caseId, long expectedVersion, IReadOnlyList<DisputeEvent> events, DisputeState after, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DisputeSummary>> ListAsync(City party, DisputeStatus? status, string after, int limit, CancellationToken cancellationToken = default);
}
