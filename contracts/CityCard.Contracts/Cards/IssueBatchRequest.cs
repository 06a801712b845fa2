namespace CityCard.Contracts;

/// <summary>
/// Issue many of <paramref name="Issuer"/>'s cards at once: every card of <paramref name="Serials"/> gets the
/// <paramref name="Product"/> with that product's deposit, exactly as a single issue would give it. The batch id is the
/// caller's idempotency key: the same id again issues nothing new, and the same id with other content is a conflict.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.issue-batch-request")]
public sealed record IssueBatchRequest(string BatchId, City Issuer, ProductCode Product, IssueChannel Channel, IReadOnlyList<CardSerialRange> Serials)
{
    /// <summary>The longest batch id: with its scope (<c>ZG:batch:</c>) it is each card's issue operation id.</summary>
    public const int MaxBatchIdLength = 40;

    /// <summary>The most cards one batch issues.</summary>
    public const int MaxCards = 1_000_000;

    /// <summary>The most ranges (or single cards) one batch names.</summary>
    public const int MaxRanges = 100_000;

    public long CardCount => Serials.Sum(r => r.Count);

    /// <summary>The operation id every card of the batch is issued with (unique per card, like any operation id).</summary>
    public string OperationId => $"{Issuer}:batch:{BatchId}";
}
