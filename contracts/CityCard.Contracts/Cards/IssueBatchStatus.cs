using System.Text.Json.Serialization;

namespace CityCard.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<IssueBatchState>))]
public enum IssueBatchState
{
    /// <summary>No batch has this id.</summary>
    Unknown = 1,

    /// <summary>Cards are being issued; <see cref="IssueBatchStatus.Processed"/> says how far it has come.</summary>
    Running = 2,

    /// <summary>Every card of the batch was issued or reported in use.</summary>
    Completed = 3,

    /// <summary>Nothing was issued: <see cref="IssueBatchStatus.Rejection"/> says why.</summary>
    Rejected = 4,

    /// <summary>A run stopped part-way (its silo died, the store failed): start the same batch again to resume it.</summary>
    Interrupted = 5,
}

/// <summary>
/// Where a batch stands. <see cref="Issued"/> cards were issued by this batch; <see cref="InUse"/> card numbers already had
/// a stream of their own (issued singly or by another batch) and were left untouched (the first
/// <see cref="MaxListedInUse"/> of them in <see cref="InUseCards"/>). <see cref="IsReplay"/> is true when the batch had
/// already completed and this is its first run's result.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.issue-batch-status")]
public sealed record IssueBatchStatus(
    string BatchId,
    IssueBatchState State,
    long Cards,
    long Processed,
    long Issued,
    long InUse,
    IReadOnlyList<string> InUseCards,
    RejectionCode? Rejection,
    string? Detail,
    DateTimeOffset? CompletedAt,
    bool IsReplay)
{
    public const int MaxListedInUse = 1_000;

    public static IssueBatchStatus Unknown(string batchId) => new(batchId, IssueBatchState.Unknown, 0, 0, 0, 0, [], null, null, null, false);

    public static IssueBatchStatus Rejected(string batchId, RejectionCode code, string detail) =>
        new(batchId, IssueBatchState.Rejected, 0, 0, 0, 0, [], code, detail, null, false);
}
