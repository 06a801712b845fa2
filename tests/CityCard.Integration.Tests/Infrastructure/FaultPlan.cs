using CityCard.Domain.Cards;
using CityCard.Grains.Storage;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>Where an injected fault strikes, relative to the append it targets.</summary>
public enum FaultPoint
{
    /// <summary>The process "dies" before the append reaches the database: nothing is written.</summary>
    BeforeAppend,

    /// <summary>The append commits, then the process "dies" before anyone hears of it.</summary>
    AfterAppend,
}

/// <summary>
/// A one-shot fault armed by a test: the next append whose events match the predicate fails at the chosen point.
/// It stands in for a silo dying mid-operation without killing the whole test cluster.
/// </summary>
public sealed class FaultPlan
{
    private readonly object gate = new();
    private (Func<CardEvent, bool> Match, FaultPoint Point)? armed;

    public void Arm(Func<CardEvent, bool> match, FaultPoint point)
    {
        lock (gate)
        {
            armed = (match, point);
        }
    }

    public FaultPoint? Take(CardAppend append)
    {
        lock (gate)
        {
            if (armed is { } fault && append.Events.Any(fault.Match))
            {
                armed = null;
                return fault.Point;
            }

            return null;
        }
    }
}

/// <summary>The real Marten store, with a <see cref="FaultPlan"/> able to fail one append before or after it commits.</summary>
public sealed class FaultInjectingCardEventStore(MartenCardEventStore inner, FaultPlan plan) : ICardEventStore
{
    public Task<CardState> LoadAsync(CityCard.Contracts.CardNumber card, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(card, cancellationToken);

    public async Task<AppendResult> AppendAsync(CardAppend append, CancellationToken cancellationToken = default)
    {
        var fault = plan.Take(append);
        if (fault == FaultPoint.BeforeAppend)
        {
            throw new IOException("Injected fault before the append.");
        }

        var result = await inner.AppendAsync(append, cancellationToken);
        return fault == FaultPoint.AfterAppend ? throw new IOException("Injected fault after the append committed.") : result;
    }

    public Task<IReadOnlyList<CardEvent>> ReadAsync(CityCard.Contracts.CardNumber card, long upToVersion = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(card, upToVersion, cancellationToken);

    public Task<IReadOnlyList<CityCard.Domain.Integrity.ChainedEvent>> ReadChainAsync(CityCard.Contracts.CardNumber card, CancellationToken cancellationToken = default) =>
        inner.ReadChainAsync(card, cancellationToken);

    public Task<RegisteredOperation?> FindOperationAsync(CityCard.Contracts.CardNumber card, string operationId, CancellationToken cancellationToken = default) =>
        inner.FindOperationAsync(card, operationId, cancellationToken);
}
