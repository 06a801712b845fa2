using CityCard.Contracts;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;

namespace CityCard.Grains.Clearing;

/// <summary>
/// The only way the clearing house reaches its tables. Everything a cycle or command changes is committed by one
/// <see cref="CommitAsync"/>, in one transaction, fenced by the checkpoint's version.
/// </summary>
public interface IClearingStore
{
    /// <summary>The state to decide from, and the checkpoint version the next commit must expect.</summary>
    Task<(ClearingState State, long Version)> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Commits a change; returns the new version. Throws <see cref="ClearingConflictException"/> if another writer got there first.</summary>
    Task<long> CommitAsync(ClearingCommit commit, CancellationToken cancellationToken = default);

    Task<RecordedOperation?> FindOperationAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>Any window, including settled ones the state no longer holds.</summary>
    Task<ClearingWindow?> FindWindowAsync(DateOnly window, CancellationToken cancellationToken = default);
}

/// <summary>A change to commit, with the command that made it (null for a projection cycle).</summary>
public sealed record ClearingCommit(long ExpectedVersion, ClearingChange Change, RecordedOperation? Operation, DateTimeOffset At);

/// <summary>An accepted clearing command as remembered for its retries.</summary>
public sealed record RecordedOperation(string OperationId, string Fingerprint, ClearingOperationResult Result);

/// <summary>The checkpoint moved under this writer: another activation committed. Reload and carry on; nothing was written.</summary>
public sealed class ClearingConflictException(long expected)
    : Exception($"The clearing checkpoint is no longer at version {expected}; another writer committed first.");
