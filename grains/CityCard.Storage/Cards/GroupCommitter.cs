using System.Diagnostics;
using System.Threading.Channels;
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
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly IDocumentStore store;
    private readonly CardStoreOptions settings;
    private readonly Func<CardAppend, CancellationToken, Task<AppendResult>> appendAlone;
    private readonly Channel<Pending> queue;
    private readonly Task writer;

    public GroupCommitter(IDocumentStore store, CardStoreOptions settings, Func<CardAppend, CancellationToken, Task<AppendResult>> appendAlone)
    {
        this.store = store;
        this.settings = settings;
        this.appendAlone = appendAlone;
        queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(settings.GroupCommitQueueLimit) { SingleReader = true });

        // The writer outlives whichever call happened to create the store: it must not run inside that call's trace.
        using (ExecutionContext.SuppressFlow())
        {
            writer = Task.Run(WriteLoopAsync);
        }
    }

    public async Task<AppendResult> AppendAsync(CardAppend append, CancellationToken cancellationToken)
    {
        var pending = new Pending(append, new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    private async Task WriteLoopAsync()
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
