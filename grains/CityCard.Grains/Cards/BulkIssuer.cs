using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Policies;
using CityCard.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace CityCard.Grains.Cards;

/// <summary>
/// Issues a batch of cards without a grain call per card. Each card's event is decided by the same pure decider as a
/// single issue (<see cref="CardDecider"/>, on the card's initial state, with the batch's operation id and the
/// product's deposit), folded the same way for its chain link (<see cref="CardAppend.Of"/>), and written by
/// <see cref="BulkIssueWriter"/> a chunk at a time. Cards are taken in a fixed order and the batch's row says how
/// many are written, so a run that stops anywhere resumes after the last committed chunk and issues no card twice.
/// </summary>
public sealed partial class BulkIssuer(BulkIssueWriter writer, PolicySet policies, TimeProvider clock, ILogger<BulkIssuer> logger)
{
    /// <summary>Cards per transaction: large enough that COPY's per-statement cost vanishes, small enough to resume cheaply.</summary>
    public const int DefaultChunkSize = 5_000;

    private const int MaxChunkAttempts = 5;

    /// <summary>Cards per transaction (a run may use another size than the run it resumes: progress is counted in cards).</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>
    /// Registers the batch (or finds it) and says where it stands: Running when chunks remain to be written, the first
    /// run's result when it has completed, or Rejected with nothing written.
    /// </summary>
    public async Task<IssueBatchStatus> BeginAsync(IssueBatchRequest batch, CancellationToken cancellationToken = default)
    {
        if (IssueBatchRules.Check(batch) is { } refused)
        {
            return IssueBatchStatus.Rejected(batch.BatchId, refused.Code, refused.Detail);
        }

        var now = clock.GetUtcNow();
        if (Decide(CardNumber.Create(batch.Issuer, batch.Serials[0].First), batch, now) is CardDecision.Reject reject)
        {
            return IssueBatchStatus.Rejected(batch.BatchId, reject.Code, reject.Detail);
        }

        var key = IssueBatchGrains.Key(batch.Issuer, batch.BatchId);
        var stored = await writer.BeginAsync(key, IssueBatchRules.Fingerprint(batch), batch.CardCount, now, cancellationToken);
        if (stored.Fingerprint != IssueBatchRules.Fingerprint(batch))
        {
            return IssueBatchStatus.Rejected(batch.BatchId, RejectionCode.OperationConflict, $"Batch '{batch.BatchId}' was already used for other cards, product or channel.");
        }

        return await StatusAsync(batch.BatchId, stored, running: stored.CompletedAt is null, cancellationToken);
    }

    /// <summary>Writes every chunk not yet written; <paramref name="progress"/> hears the cards processed after each.</summary>
    public async Task<IssueBatchStatus> RunAsync(IssueBatchRequest batch, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var key = IssueBatchGrains.Key(batch.Issuer, batch.BatchId);
        var stored = await writer.FindAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {key} was never begun.");
        var total = batch.CardCount;
        for (var offset = stored.Processed; offset < total;)
        {
            var cards = IssueBatchRules.Chunk(batch, offset, ChunkSize);
            ChunkWritten written;
            for (var attempt = 1; ; attempt++)
            {
                // Decided afresh on each attempt: the time is the write's, as a single issue's is its append's.
                var now = clock.GetUtcNow();
                var appends = cards.Select(card => Append(card, batch, now)).ToList();
                try
                {
                    written = await writer.WriteChunkAsync(key, offset, offset + cards.Count == total, appends, cancellationToken);
                    break;
                }
                catch (Exception ex) when (BulkIssueWriter.IsStreamCollision(ex) && attempt < MaxChunkAttempts)
                {
                    LogCollision(logger, key, offset);
                }
            }

            // Skipped: another run of the batch got there first; carry on from where the row says it is.
            offset = written.Skipped ? (await writer.FindAsync(key, cancellationToken))!.Processed : offset + cards.Count;
            progress?.Invoke(offset);
        }

        return await StatusAsync(batch.BatchId, (await writer.FindAsync(key, cancellationToken))!, running: false, cancellationToken);
    }

    /// <summary>The batch's standing as its row has it; <paramref name="running"/> when a run of it is under way.</summary>
    public async Task<IssueBatchStatus> StatusAsync(string batchId, StoredIssueBatch stored, bool running, CancellationToken cancellationToken = default)
    {
        var completed = stored.CompletedAt is not null;
        var state = completed ? IssueBatchState.Completed : running ? IssueBatchState.Running : IssueBatchState.Interrupted;
        var inUse = stored.InUse == 0 ? [] : await writer.InUseCardsAsync(stored.Key, IssueBatchStatus.MaxListedInUse, cancellationToken);
        return new IssueBatchStatus(batchId, state, stored.Cards, stored.Processed, stored.Issued, stored.InUse, inUse, null, null, stored.CompletedAt, IsReplay: false);
    }

    private CardAppend Append(CardNumber card, IssueBatchRequest batch, DateTimeOffset now) =>
        Decide(card, batch, now) is CardDecision.Append append
            ? CardAppend.Of(CardState.Initial(card), append.Events)
            : throw new InvalidOperationException($"Card {card} of batch {batch.BatchId} could not be issued at {now:O}: the city's policy changed during the batch.");

    private CardDecision Decide(CardNumber card, IssueBatchRequest batch, DateTimeOffset now)
    {
        var deposit = policies.ProductAt(batch.Issuer, batch.Product, now)?.Deposit ?? Money.Zero;
        return CardDecider.Decide(CardState.Initial(card), new IssueCardRequest(batch.OperationId, batch.Issuer, batch.Product, deposit), now, policies);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Batch}: a card of the chunk at {Offset} got its stream while the chunk was written; writing it again")]
    private static partial void LogCollision(ILogger logger, string batch, long offset);
}
