using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;

namespace CityCard.Grains.Storage;

/// <summary>
/// The only way grains reach card streams. Keeping every read and append behind this seam means that batching the
/// appends of many cards into one transaction (group commit) can come later without touching the domain or grains.
/// </summary>
public interface ICardEventStore
{
    /// <summary>The card's current state: the latest snapshot, if any, plus the events after it.</summary>
    Task<CardState> LoadAsync(CardNumber card, CancellationToken cancellationToken = default);

    /// <summary>Appends events if, and only if, the stream is still at <see cref="CardAppend.ExpectedVersion"/>.</summary>
    Task<AppendResult> AppendAsync(CardAppend append, CancellationToken cancellationToken = default);

    /// <summary>The card's events in order, from version 1 up to and including <paramref name="upToVersion"/>.</summary>
    Task<IReadOnlyList<CardEvent>> ReadAsync(CardNumber card, long upToVersion = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// The card's events as stored, each with the hash written beside it and read one by one, so that an event edited
    /// into something unreadable is reported rather than failing the whole read.
    /// </summary>
    Task<IReadOnlyList<ChainedEvent>> ReadChainAsync(CardNumber card, CancellationToken cancellationToken = default);

    /// <summary>Where and with what content an operation id was first recorded on the card, if ever.</summary>
    Task<RegisteredOperation?> FindOperationAsync(CardNumber card, string operationId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Events to append to one card's stream. <see cref="StateAfter"/> is the state once they are applied; the store may
/// keep it as a snapshot so that activation never replays the whole history. <see cref="Hashes"/> are the events'
/// links in the stream's hash chain, written beside them.
/// </summary>
public sealed record CardAppend(CardNumber Card, long ExpectedVersion, IReadOnlyList<CardEvent> Events, CardState StateAfter, IReadOnlyList<string> Hashes)
{
    /// <summary>Folds <paramref name="events"/> into <paramref name="before"/>, keeping each event's hash as the state chains it.</summary>
    public static CardAppend Of(CardState before, IReadOnlyList<CardEvent> events)
    {
        var hashes = new string[events.Count];
        var state = before;
        for (var i = 0; i < events.Count; i++)
        {
            state = CardEvolver.Evolve(state, events[i]);
            hashes[i] = state.ChainHead;
        }

        return new CardAppend(before.Card, before.Version, events, state, hashes);
    }
}

public enum AppendOutcome
{
    Appended,

    /// <summary>Someone else appended first: reload and decide again.</summary>
    VersionConflict,

    /// <summary>The operation id was already recorded on this card (beyond what the state remembers).</summary>
    DuplicateOperation,
}

public sealed record AppendResult(AppendOutcome Outcome)
{
    public static AppendResult Appended { get; } = new(AppendOutcome.Appended);

    public static AppendResult VersionConflict { get; } = new(AppendOutcome.VersionConflict);

    public static AppendResult DuplicateOperation { get; } = new(AppendOutcome.DuplicateOperation);
}

public sealed record RegisteredOperation(string OperationId, long Version, string Fingerprint);
