using System.Diagnostics;
using System.Threading.Channels;
using CityCard.Contracts;
using CityCard.Grains.Telemetry;
using Marten;

namespace CityCard.Grains.Storage;

/// <summary>
/// Group commit: appends from many cards, arriving together, are written in one transaction. A commit per append
/// costs a round trip and a WAL flush each; sharing them is where the throughput is on a small machine.
/// A batch is whatever is queued when the writer comes round (up to the batch size), so an idle system adds no
/// delay. If the shared transaction fails, because one append lost a race or reused an operation id, every append of
/// the batch is retried on its own, so each gets its own outcome and no one pays for another's conflict.
/// Each commit is a span (<c>card.group-commit</c>) in the trace of the first append it writes, linked to the traces
/// of the others, so a tap's trace reaches the INSERT that recorded it (docs/decisions/0070).
/// There are <see cref="CardStoreOptions.GroupCommitWriters"/> writers, each with its own queue and connection, and a
/// card always goes to the same one (by its number's hash), so a card's appends stay in order: one writer alone
/// executes every statement of every batch on one PostgreSQL backend, one core, while the next batch waits
/// (docs/decisions/0076).
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly IDocumentStore store;
    private readonly CardStoreOptions settings;
    private readonly Func<CardAppend, CancellationToken, Task<AppendResult>> appendAlone;
    private readonly Channel<Pending>[] queues;
    private readonly Task[] writers;

    public GroupCommitter(IDocumentStore store, CardStoreOptions settings, Func<CardAppend, CancellationToken, Task<AppendResult>> appendAlone)
    {
        this.store = store;
        this.settings = settings;
        this.appendAlone = appendAlone;
        var count = Math.Max(1, settings.GroupCommitWriters);
        var limit = Math.Max(1, settings.GroupCommitQueueLimit / count);
        queues = [.. Enumerable.Range(0, count).Select(_ => Channel.CreateBounded<Pending>(new BoundedChannelOptions(limit) { SingleReader = true }))];

        // The writers outlive whichever call happened to create the store: they must not run inside that call's trace.
        using (ExecutionContext.SuppressFlow())
        {
            writers = [.. queues.Select(queue => Task.Run(() => WriteLoopAsync(queue)))];
        }
    }

    public async Task<AppendResult> AppendAsync(CardAppend append, CancellationToken cancellationToken)
    {
        var pending = new Pending(append, new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context);
        await QueueOf(append.Card).Writer.WriteAsync(pending, cancellationToken);
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(writers);
    }

    /// <summary>The one queue a card's appends always take, so that they are committed in the order they were made.</summary>
    private Channel<Pending> QueueOf(CardNumber card) =>
        queues.Length == 1 ? queues[0] : queues[(int)((uint)StringComparer.Ordinal.GetHashCode(card.Value) % (uint)queues.Length)];

    private async Task WriteLoopAsync(Channel<Pending> queue)
    {
        var batch = new List<Pending>(settings.GroupCommitBatchSize);
        Pending? carried = null;
        while (carried is not null || await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var cards = new HashSet<string>(StringComparer.Ordinal);
            if (carried is not null)
            {
                batch.Add(carried);
                cards.Add(carried.Append.Card.Value);
                carried = null;
            }

            // One append per card in a batch: a second one for the same card waits for the next batch.
            while (batch.Count < settings.GroupCommitBatchSize && queue.Reader.TryRead(out var next))
            {
                if (!cards.Add(next.Append.Card.Value))
                {
                    carried = next;
                    break;
                }

                batch.Add(next);
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        using var activity = CardTelemetry.Source.StartActivity(
            "card.group-commit",
            ActivityKind.Internal,
            batch[0].Trace ?? default,
            links: batch.Skip(1).Where(p => p.Trace is not null).Select(p => new ActivityLink(p.Trace!.Value)));
        activity?.SetTag("citycard.batch.appends", batch.Count);
        if (batch.Count == 1)
        {
            await CompleteAlone(batch[0]);
            return;
        }

        try
        {
            await using var session = store.LightweightSession();
            foreach (var pending in batch)
            {
                CardAppendWriter.Stage(session, pending.Append, settings);
            }

            await session.SaveChangesAsync();
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetResult(AppendResult.Appended);
            }
        }
        catch (Exception)
        {
            // Nothing of the batch was committed (or, if the commit's answer was lost, the retries will see version
            // conflicts and the grains reload): give every append its own transaction and its own outcome.
            foreach (var pending in batch)
            {
                await CompleteAlone(pending);
            }
        }
    }

    private async Task CompleteAlone(Pending pending)
    {
        try
        {
            pending.Outcome.TrySetResult(await appendAlone(pending.Append, CancellationToken.None));
        }
        catch (Exception ex)
        {
            pending.Outcome.TrySetException(ex);
        }
    }

    /// <summary>An append waiting for the writer, with the trace it was made in (null outside any).</summary>
    private sealed record Pending(CardAppend Append, TaskCompletionSource<AppendResult> Outcome, ActivityContext? Trace);
}
