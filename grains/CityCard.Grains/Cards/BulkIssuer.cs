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
    /// <remarks>
    /// Deciding and serialising a chunk is CPU work with no connection; writing it is mostly PostgreSQL's. The next
    /// chunk is therefore decided and prepared while this one is written (one chunk ahead, no more), and the writes
    /// themselves stay one at a time and in order, so the batch's row still advances chunk by chunk.
    /// </remarks>
    public async Task<IssueBatchStatus> RunAsync(IssueBatchRequest batch, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var key = IssueBatchGrains.Key(batch.Issuer, batch.BatchId);
        var stored = await writer.FindAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {key} was never begun.");
        var total = batch.CardCount;
        var offset = stored.Processed;
        var ahead = PrepareAhead(batch, offset, total);
        try
        {
            while (offset < total)
            {
                var chunk = await ahead!;
                var count = chunk.Appends.Count;
                ahead = PrepareAhead(batch, offset + count, total);
                ChunkWritten written;
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        written = await writer.WriteChunkAsync(key, offset, offset + count == total, chunk, cancellationToken);
                        break;
                    }
                    catch (Exception ex) when (BulkIssueWriter.IsStreamCollision(ex) && attempt < MaxChunkAttempts)
                    {
                        // Decided afresh for the new attempt, at its own time, as a single issue's retry would be.
                        LogCollision(logger, key, offset);
                        chunk = Prepare(batch, offset);
                    }
                }

                if (written.Skipped)
                {
                    // Another run of the batch got there first; carry on from where the row says it is.
                    offset = (await writer.FindAsync(key, cancellationToken))!.Processed;
                    Forget(ahead);
                    ahead = PrepareAhead(batch, offset, total);
                }
                else
                {
                    offset += count;
                }

                progress?.Invoke(offset);
            }
        }
        finally
        {
            Forget(ahead);
        }

        return await StatusAsync(batch.BatchId, (await writer.FindAsync(key, cancellationToken))!, running: false, cancellationToken);
    }

    /// <summary>The chunk at <paramref name="offset"/>, decided and serialised on the thread pool; null past the end.</summary>
    private Task<PreparedChunk>? PrepareAhead(IssueBatchRequest batch, long offset, long total) =>
        offset < total ? Task.Run(() => Prepare(batch, offset)) : null;

    /// <summary>Each card of the chunk at <paramref name="offset"/> decided now, by the card's own decider, and its rows serialised.</summary>
    private PreparedChunk Prepare(IssueBatchRequest batch, long offset)
    {
        var cards = IssueBatchRules.Chunk(batch, offset, ChunkSize);
        var now = clock.GetUtcNow();
        var appends = new CardAppend[cards.Count];
        for (var i = 0; i < cards.Count; i++)
        {
            appends[i] = Append(cards[i], batch, now);
        }

        return writer.Prepare(appends);
    }

    /// <summary>A chunk prepared ahead that will not be written (the run stopped or moved on): its failure is nobody's.</summary>
    private static void Forget(Task<PreparedChunk>? ahead) =>
        ahead?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

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
