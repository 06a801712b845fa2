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
    /// Deciding and serialising a chunk is CPU work with no connection; copying it is mostly PostgreSQL's, on one
    /// backend per connection. So the next chunk is prepared while this one is written, and up to
    /// <see cref="WritesInFlight"/> chunks copy at once on their own connections; but each commits only after the chunk
    /// before it has committed and been reported, and only if the batch's row stands at its offset: the row advances
    /// chunk by chunk as before, a run that dies leaves a prefix of the batch written, and a chunk whose predecessor
    /// failed rolls back with it.
    /// </remarks>
    public async Task<IssueBatchStatus> RunAsync(IssueBatchRequest batch, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var key = IssueBatchGrains.Key(batch.Issuer, batch.BatchId);
        var stored = await writer.FindAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {key} was never begun.");
        var total = batch.CardCount;
        for (var offset = stored.Processed; offset < total;)
        {
            offset = await WriteFromAsync(batch, key, offset, total, progress, cancellationToken);
        }

        return await StatusAsync(batch.BatchId, (await writer.FindAsync(key, cancellationToken))!, running: false, cancellationToken);
    }

    /// <summary>Chunks copying at once, each on its own connection (they still commit one at a time, in order).</summary>
    public int WritesInFlight { get; init; } = DefaultWritesInFlight;

    public const int DefaultWritesInFlight = 2;

    /// <summary>
    /// Writes the chunks from <paramref name="offset"/> on; returns the total when all are written, or where the batch's
    /// row stands when a chunk found it elsewhere (another run of the batch got there first).
    /// </summary>
    private async Task<long> WriteFromAsync(IssueBatchRequest batch, string key, long offset, long total, Action<long>? progress, CancellationToken cancellationToken)
    {
        var ahead = PrepareAhead(batch, offset, total);
        var writing = new Queue<ChunkInFlight>();
        var turn = Task.CompletedTask;
        var next = offset;
        try
        {
            while (true)
            {
                while (writing.Count < Math.Max(1, WritesInFlight) && next < total)
                {
                    var chunk = await ahead!;
                    var count = chunk.Appends.Count;
                    ahead = PrepareAhead(batch, next + count, total);
                    var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    writing.Enqueue(new ChunkInFlight(next, count, WriteAsync(batch, key, next, next + count == total, chunk, turn, cancellationToken), committed));
                    turn = committed.Task;
                    next += count;
                }

                if (!writing.TryPeek(out var oldest))
                {
                    return total;
                }

                var written = await oldest.Write;
                if (written.Skipped)
                {
                    // Another run of the batch got there first: the chunk behind commits only if the row stands at its
                    // offset; then carry on from where the row says it is.
                    oldest.Committed.TrySetResult();
                    writing.Dequeue();
                    await DrainAsync(writing);
                    return (await writer.FindAsync(key, cancellationToken))!.Processed;
                }

                progress?.Invoke(oldest.Offset + oldest.Count);
                oldest.Committed.TrySetResult();
                writing.Dequeue();
            }
        }
        finally
        {
            // Stopped by a failure or cancellation: the chunks behind never get their turn and roll back.
            foreach (var chunk in writing)
            {
                chunk.Committed.TrySetCanceled(CancellationToken.None);
            }

            await DrainAsync(writing);
            Forget(ahead);
        }
    }

    private async Task<ChunkWritten> WriteAsync(IssueBatchRequest batch, string key, long offset, bool last, PreparedChunk chunk, Task turn, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await writer.WriteChunkAsync(key, offset, last, chunk, turn, cancellationToken);
            }
            catch (Exception ex) when (BulkIssueWriter.IsStreamCollision(ex) && attempt < MaxChunkAttempts)
            {
                // Decided afresh for the new attempt, at its own time, as a single issue's retry would be.
                LogCollision(logger, key, offset);
                chunk = Prepare(batch, offset);
            }
        }
    }

    /// <summary>
    /// Waits for every write still running, whatever its outcome: the first may still commit if its turn has come; the
    /// turns of those behind it are cancelled, so they roll back.
    /// </summary>
    private static async Task DrainAsync(Queue<ChunkInFlight> writing)
    {
        while (writing.TryDequeue(out var chunk))
        {
            chunk.Committed.TrySetCanceled(CancellationToken.None);
            try
            {
                await chunk.Write;
            }
            catch (Exception)
            {
                // Rolled back; the caller has the error that stopped the run, or reads the row.
            }
        }
    }

    private sealed record ChunkInFlight(long Offset, int Count, Task<ChunkWritten> Write, TaskCompletionSource Committed);

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
