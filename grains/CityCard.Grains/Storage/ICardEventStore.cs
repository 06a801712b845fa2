using CityCard.Contracts;
using CityCard.Domain.Cards;

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

    /// <summary>Where and with what content an operation id was first recorded on the card, if ever.</summary>
    Task<RegisteredOperation?> FindOperationAsync(CardNumber card, string operationId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Events to append to one card's stream. <see cref="StateAfter"/> is the state once they are applied; the store may
/// keep it as a snapshot so that activation never replays the whole history.
/// </summary>
public sealed record CardAppend(CardNumber Card, long ExpectedVersion, IReadOnlyList<CardEvent> Events, CardState StateAfter);

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
