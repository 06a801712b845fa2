using CityCard.Domain.Projection;

namespace CityCard.Grains.Clearing;

/// <summary>
/// Reads the next projection cycle while this one commits: at most one read ahead, made from the checkpoint this
/// cycle's change will commit. The read ahead is handed out only to a cycle that starts from that very checkpoint
/// (the same instance: the state the commit installed); after a failed commit the state is reloaded, the checkpoint is
/// another, and the read ahead is thrown away unread, so nothing is posted twice and the checkpoint only ever moves
/// with a committed change.
/// </summary>
/// <remarks>
/// Reading during the commit leaves gap tracking as it was: the read's oldest open transaction may be the commit's own,
/// which began after the previous read's clock, so after every gap the checkpoint holds (each seen at or before that
/// clock); a gap is forgotten only when no transaction that began before it was seen is open, exactly as before.
/// </remarks>
public sealed class CycleReadAhead(CardEventFeed feed, int batch) : IAsyncDisposable
{
    private Task<CycleRead>? ahead;
    private Checkpoint? aheadOf;

    /// <summary>The cycle's read from <paramref name="checkpoint"/>: the read ahead if it was made from this checkpoint, else a fresh one.</summary>
    public async Task<CycleRead> ReadAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        if (ahead is { } read && ReferenceEquals(aheadOf, checkpoint))
        {
            (ahead, aheadOf) = (null, null);
            return await read;
        }

        await DiscardAsync();
        return await feed.ReadCycleAsync(checkpoint, batch, cancellationToken);
    }

    /// <summary>
    /// Starts reading the cycle after a change that will commit <paramref name="next"/>, on the thread pool so that
    /// deserialising and checking the events' chain links (<see cref="LinkChecks"/>) overlap the commit.
    /// </summary>
    public void Start(Checkpoint next, CancellationToken cancellationToken = default)
    {
        if (ahead is not null)
        {
            throw new InvalidOperationException("A cycle is already read ahead: at most one read is in flight.");
        }

        aheadOf = next;
        ahead = Task.Run(
            async () =>
            {
                var read = await feed.ReadCycleAsync(next, batch, cancellationToken);
                return read with { Links = LinkChecks.Of(read.GapEvents.Concat(read.NewEvents)) };
            },
            cancellationToken);
    }

    /// <summary>Waits for a read ahead that will not be used, and forgets it (and its failure: the next cycle reads again).</summary>
    public async Task DiscardAsync()
    {
        if (ahead is { } unused)
        {
            (ahead, aheadOf) = (null, null);
            try
            {
                await unused;
            }
            catch (Exception)
            {
                // Unused: a cycle that needs these events reads them again and meets the failure itself.
            }
        }
    }

    public async ValueTask DisposeAsync() => await DiscardAsync();
}
